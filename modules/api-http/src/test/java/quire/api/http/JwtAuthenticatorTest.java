package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final JwtAuthenticator auth = new JwtAuthenticator(TestingTokens.SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void entityIdIsTheFallbackUserAndPermissionsDefaultToRead() {
        String token = TestingTokens.sign(TestingTokens.claims(null, NOW.plusSeconds(60))
                .claim("entity_id", "dev-42").claim("type", "developer").build());
        Principal p = auth.verify(token);
        assertEquals("dev-42", p.userId());
        assertNull(p.appId());
        assertEquals(Set.of("read"), p.permissions());
        assertEquals("developer", p.entityType());
        assertEquals("dev-42", p.scope().ownerId());
    }

    @Test
    void expiryIsComparedWithTheClock() {
        String token = TestingTokens.sign(TestingTokens.claims("u", NOW).build());
        ApiException e = assertThrows(ApiException.class, () -> auth.verify(token));
        assertEquals("Signature has expired", e.getMessage());
        String later = TestingTokens.sign(TestingTokens.claims("u", NOW.plusSeconds(1)).build());
        assertEquals("u", auth.verify(later).userId());
    }

    @Test
    void notBeforeInTheFutureIsRejected() {
        String token = TestingTokens.sign(TestingTokens.claims("u", NOW.plusSeconds(600))
                .notBeforeTime(Date.from(NOW.plusSeconds(60))).build());
        ApiException e = assertThrows(ApiException.class, () -> auth.verify(token));
        assertEquals(401, e.status());
    }

    @Test
    void shortSecretsUsedByMorphikDeploymentsStillVerify() throws Exception {
        String secret = "short-secret";
        JwtAuthenticator shortAuth = new JwtAuthenticator(secret, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"user_id\":\"bob\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", secret);
        assertEquals("bob", shortAuth.verify(token).userId());
        String forged = hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"user_id\":\"bob\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}", "short-secreT");
        assertEquals("Signature verification failed",
                assertThrows(ApiException.class, () -> shortAuth.verify(forged)).getMessage());
    }

    @Test
    void emptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator("", Clock.systemUTC()));
    }

    private static String hs256(String header, String payload, String secret) throws Exception {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String input = e.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + e.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
