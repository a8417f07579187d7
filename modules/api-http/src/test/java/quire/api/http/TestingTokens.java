package quire.api.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints tokens for tests: valid ones with nimbus, broken ones by hand. */
final class TestingTokens {

    static final String SECRET = "quire-test-secret-0123456789abcdef-0123456789";

    private TestingTokens() {
    }

    static JWTClaimsSet.Builder claims(String userId, Instant exp) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        if (userId != null) {
            b.claim("user_id", userId);
        }
        if (exp != null) {
            b.expirationTime(Date.from(exp));
        }
        return b;
    }

    static String sign(JWTClaimsSet claims, String secret, JWSAlgorithm alg) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWTClaimsSet claims) {
        return sign(claims, SECRET, JWSAlgorithm.HS256);
    }

    static String valid(String userId) {
        return sign(claims(userId, Instant.now().plusSeconds(3600)).claim("app_id", "app-1")
                .claim("permissions", List.of("read", "write")).build());
    }

    /** {@code alg: none}, no signature: the classic bypass attempt. */
    static String unsigned(String userId) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String header = e.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = e.encodeToString(("{\"user_id\":\"" + userId + "\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
