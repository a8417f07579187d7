package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtAuthenticationIT {

    private static TestingServer server;

    @BeforeAll
    static void start() {
        server = new TestingServer(new JwtAuthenticator(TestingTokens.SECRET, Clock.systemUTC()), 1024 * 1024);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> whoami(String authorization) throws Exception {
        var b = server.request("/test/whoami").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return server.send(b.build());
    }

    private void assert401(HttpResponse<String> r, String detail) {
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(detail, TestingServer.object(r).getString("detail"));
    }

    @Test
    void validTokenCarriesThePrincipal() throws Exception {
        HttpResponse<String> r = whoami("Bearer " + TestingTokens.valid("alice"));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject p = TestingServer.object(r);
        assertEquals("alice", p.getString("user_id"));
        assertEquals("app-1", p.getString("app_id"));
        assertEquals("[\"read\",\"write\"]", p.getJsonArray("permissions").toString());
    }

    @Test
    void missingHeaderIs401WithChallenge() throws Exception {
        HttpResponse<String> r = whoami(null);
        assert401(r, "Missing authorization header");
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void nonBearerHeaderIs401() throws Exception {
        assert401(whoami("Basic dXNlcjpwYXNz"), "Invalid authorization header");
        assert401(whoami("Bearer "), "Invalid authorization header");
    }

    @Test
    void malformedTokenIs401() throws Exception {
        assert401(whoami("Bearer not.a.jwt"), "Invalid token: not a well-formed JWT");
        assert401(whoami("Bearer abc"), "Invalid token: not a well-formed JWT");
    }

    @Test
    void algNoneIs401() throws Exception {
        assert401(whoami("Bearer " + TestingTokens.unsigned("mallory")), "The specified alg value is not allowed");
    }

    @Test
    void otherHmacAlgorithmIs401() throws Exception {
        String secret64 = TestingTokens.SECRET + TestingTokens.SECRET;
        String token = TestingTokens.sign(TestingTokens.claims("alice", Instant.now().plusSeconds(60)).build(),
                secret64, JWSAlgorithm.HS512);
        assert401(whoami("Bearer " + token), "The specified alg value is not allowed");
    }

    @Test
    void wrongKeyIs401() throws Exception {
        String token = TestingTokens.sign(TestingTokens.claims("alice", Instant.now().plusSeconds(60)).build(),
                "another-secret-of-enough-length-0123456789", JWSAlgorithm.HS256);
        assert401(whoami("Bearer " + token), "Signature verification failed");
    }

    @Test
    void tamperedPayloadIs401() throws Exception {
        String[] parts = TestingTokens.valid("alice").split("\\.");
        String other = TestingTokens.valid("bob").split("\\.")[1];
        assert401(whoami("Bearer " + parts[0] + "." + other + "." + parts[2]), "Signature verification failed");
    }

    @Test
    void expiredIs401() throws Exception {
        String token = TestingTokens.sign(TestingTokens.claims("alice", Instant.now().minusSeconds(5)).build());
        assert401(whoami("Bearer " + token), "Signature has expired");
    }

    @Test
    void missingExpIs401() throws Exception {
        String token = TestingTokens.sign(TestingTokens.claims("alice", null).build());
        assert401(whoami("Bearer " + token), "Token is missing the \"exp\" claim");
    }

    @Test
    void missingUserIs401() throws Exception {
        String token = TestingTokens.sign(TestingTokens.claims(null, Instant.now().plusSeconds(60))
                .claim("app_id", "app-1").build());
        assert401(whoami("Bearer " + token), "Missing user_id in token");
    }

    @Test
    void duplicatedHeaderIs401() throws Exception {
        String token = TestingTokens.valid("alice");
        HttpResponse<String> r = server.send(server.request("/test/whoami").GET()
                .header("Authorization", "Bearer " + token)
                .header("Authorization", "Bearer " + token).build());
        assert401(r, "Multiple authorization headers");
    }

    @Test
    void duplicatedHeaderOnTheWireIs401() throws Exception {
        String token = TestingTokens.valid("alice");
        String response = RawHttp.exchange(server.server.port(), "GET /test/whoami HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + token + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close", null);
        assertTrue(response.startsWith("HTTP/1.1 401"), response);
        assertTrue(response.contains("Multiple authorization headers"), response);
        assertFalse(response.contains(token), "the token must not be echoed");
    }

    @Test
    void publicRoutesAndUnknownRoutesNeedNoToken() throws Exception {
        assertEquals(200, whoamiPath("/ping").statusCode());
        assertEquals(404, whoamiPath("/nothing-here").statusCode());
    }

    private HttpResponse<String> whoamiPath(String path) throws Exception {
        return server.get(path);
    }
}
