package quire.apitests;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A jwt-mode test server and HS256 tokens for it, minted the way Morphik's tooling mints them. */
final class TestingJwt {
    static final String SECRET = "quire-api-tests-secret-0123456789abcdef";

    private TestingJwt() {
    }

    /** @return overrides and environment that put the server in jwt mode with {@link #SECRET} */
    static QuireTestServer start(java.nio.file.Path dir) {
        return QuireTestServer.start(dir, Map.of("quire.auth.mode", "jwt"), Map.of("JWT_SECRET_KEY", SECRET));
    }

    /** @return a token for {@code userId} (no app: the owner-only scope), valid for an hour */
    static String token(String userId) {
        return token(userId, null);
    }

    /** @return a token for {@code userId} bound to {@code appId} (the app-wide scope when not null) */
    static String token(String userId, String appId) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("user_id", userId).claim("app_id", appId)
                .claim("permissions", List.of("read", "write")).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
