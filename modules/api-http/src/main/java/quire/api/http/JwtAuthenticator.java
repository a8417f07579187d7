package quire.api.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * JWT bearer mode (spec §5.2): {@code Authorization: Bearer <jwt>}, HS256 only, with the shared
 * secret. Every failure is a 401 whose detail says what is wrong, in PyJWT's wording where
 * Morphik clients may look for it; the token itself never appears in a detail or a log.
 *
 * <p>Claims: {@code user_id} (fallback {@code entity_id}; required), {@code app_id} (optional),
 * {@code permissions} (list; default {@code ["read"]}), {@code type}/{@code entity_type}
 * (default {@code developer}), {@code exp} (required, must be in the future), {@code nbf}
 * (optional).
 */
public final class JwtAuthenticator implements Authenticator {

    /** Header sent with "missing header", so clients know which scheme to use. */
    public static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private static final int NIMBUS_MIN_SECRET_BYTES = 32;

    private final byte[] secret;
    private final MACVerifier verifier;
    private final Clock clock;

    /**
     * @param secret the HS256 secret (UTF-8 bytes of {@code JWT_SECRET_KEY}); must not be empty
     * @param clock  time source for {@code exp}/{@code nbf}
     */
    public JwtAuthenticator(String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("JWT secret is empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        MACVerifier v = null;
        if (this.secret.length >= NIMBUS_MIN_SECRET_BYTES) {
            try {
                v = new MACVerifier(this.secret);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("JWT secret rejected: " + e.getMessage(), e);
            }
        }
        // Morphik deployments often use secrets shorter than RFC 7518's 256 bits; nimbus refuses
        // those, so short secrets are checked with the JDK's HMAC directly (same computation).
        this.verifier = v;
    }

    @Override
    public Principal authenticate(Headers headers) {
        List<String> values = headers.all(HeaderNames.AUTHORIZATION, List::of);
        if (values.isEmpty()) {
            throw new ApiException(401, quire.json.Json.createValue("Missing authorization header"), CHALLENGE);
        }
        if (values.size() > 1) {
            throw ApiException.unauthorized("Multiple authorization headers");
        }
        String header = values.get(0);
        if (!header.startsWith("Bearer ")) {
            throw ApiException.unauthorized("Invalid authorization header");
        }
        String token = header.substring("Bearer ".length()).trim();
        if (token.isEmpty()) {
            throw ApiException.unauthorized("Invalid authorization header");
        }
        return verify(token);
    }

    /** @return the principal of a valid token; 401 otherwise */
    public Principal verify(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw ApiException.unauthorized("Invalid token: not a well-formed JWT");
        }
        if (!(jwt instanceof SignedJWT signed) || !JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw ApiException.unauthorized("The specified alg value is not allowed");
        }
        if (!signatureValid(signed)) {
            throw ApiException.unauthorized("Signature verification failed");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw ApiException.unauthorized("Invalid token: malformed claims");
        }
        checkTimes(claims);
        return principal(claims);
    }

    private boolean signatureValid(SignedJWT signed) {
        try {
            if (verifier != null) {
                return signed.verify(verifier);
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal(signed.getSigningInput());
            return MessageDigest.isEqual(expected, signed.getSignature().decode());
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw ApiException.unauthorized("Token is missing the \"exp\" claim");
        }
        Instant now = clock.instant();
        if (!now.isBefore(exp.toInstant())) {
            throw ApiException.unauthorized("Signature has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant())) {
            throw ApiException.unauthorized("The token is not yet valid (nbf)");
        }
    }

    private static Principal principal(JWTClaimsSet claims) {
        String userId = text(claims.getClaim("user_id"));
        if (userId == null) {
            userId = text(claims.getClaim("entity_id"));
        }
        if (userId == null) {
            throw ApiException.unauthorized("Missing user_id in token");
        }
        String appId = text(claims.getClaim("app_id"));
        String type = text(claims.getClaim("type"));
        if (type == null) {
            type = text(claims.getClaim("entity_type"));
        }
        return new Principal(userId, appId, permissions(claims.getClaim("permissions")), type);
    }

    private static Set<String> permissions(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            for (Object o : list) {
                String p = text(o);
                if (p != null) {
                    out.add(p);
                }
            }
        } else if (text(claim) != null) {
            out.add(text(claim));
        } else {
            out.add("read");
        }
        return out;
    }

    /** @return a non-blank string or number as text, else null */
    private static String text(Object claim) {
        if (claim instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (claim instanceof Number n) {
            return n.toString();
        }
        return null;
    }
}
