package quire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.helidon.http.Method;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import quire.api.http.ApiRoutes;
import quire.api.http.JsonResponses;
import quire.api.http.Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuireServerIT {

    private static final String SECRET = "server-test-secret-0123456789abcdef";
    private static final ApiRoutes WHOAMI = router -> router.route(Method.GET, "/test/whoami", (req, res) ->
            JsonResponses.send(res, Json.createObjectBuilder().add("user_id", Principal.of(req).userId()).build()));

    @TempDir
    Path data;

    private final HttpClient client = HttpClient.newHttpClient();

    private ServerOptions options(Map<String, String> env) {
        return ServerOptions.of(env).withDataDirectory(data).withOverride("quire.server.port", "0")
                .withRoutes(List.of(WHOAMI));
    }

    private HttpResponse<String> get(QuireServer s, String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    @Test
    void devModeIsTheDefaultAndListensOnLoopback() throws Exception {
        try (QuireServer s = QuireServer.start(options(Map.of())
                .withFactories(List.of(new TestingChunkerFactory()))
                .withOverride("quire.chunker.provider", "testing"))) {
            assertEquals("127.0.0.1", s.host());
            assertTrue(s.port() > 0);
            assertEquals("http://127.0.0.1:" + s.port(), s.url());
            assertEquals("{\"status\":\"ok\",\"message\":\"Server is running\"}", get(s, "/ping", null).body());
            assertEquals("dev_user", json(get(s, "/test/whoami", "Bearer whatever")).getString("user_id"));

            JsonObject health = json(get(s, "/health", null));
            assertEquals("healthy", health.getString("status"));
            JsonObject chunker = health.getJsonArray("plugins").stream().map(v -> v.asJsonObject())
                    .filter(p -> p.getString("id").equals("testing")).findFirst().orElseThrow();
            assertEquals("chunker", chunker.getString("extension_point"));
            assertEquals("boot", chunker.getString("source"));
            assertEquals("ACTIVE", chunker.getString("state"));
        }
    }

    @Test
    void devUserIdIsConfigurable() throws Exception {
        try (QuireServer s = QuireServer.start(options(Map.of("QUIRE_AUTH_DEV_USER_ID", "erin")))) {
            assertEquals("erin", json(get(s, "/test/whoami", null)).getString("user_id"));
        }
    }

    @Test
    void jwtModeWithoutSecretRefusesToStart() {
        StartupException e = assertThrows(StartupException.class,
                () -> QuireServer.start(options(Map.of()).withOverride("quire.auth.mode", "jwt")));
        assertTrue(e.getMessage().contains("no secret"), e.getMessage());
        assertTrue(e.getMessage().contains("JWT_SECRET_KEY"), e.getMessage());
    }

    @Test
    void unknownAuthModeRefusesToStart() {
        StartupException e = assertThrows(StartupException.class,
                () -> QuireServer.start(options(Map.of()).withOverride("quire.auth.mode", "none")));
        assertTrue(e.getMessage().contains("quire.auth.mode"), e.getMessage());
    }

    @Test
    void jwtModeTakesMorphiksSecretVariableAndBindsAllInterfacesByDefault() throws Exception {
        try (QuireServer s = QuireServer.start(options(Map.of("QUIRE_AUTH_MODE", "jwt", "JWT_SECRET_KEY", SECRET)))) {
            assertEquals("0.0.0.0", s.host());
            assertEquals(200, get(s, "/ping", null).statusCode());
            assertEquals(200, get(s, "/health", null).statusCode());
            HttpResponse<String> missing = get(s, "/test/whoami", null);
            assertEquals(401, missing.statusCode());
            assertEquals("Missing authorization header", json(missing).getString("detail"));
            HttpResponse<String> ok = get(s, "/test/whoami", "Bearer " + token("frank", SECRET));
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("frank", json(ok).getString("user_id"));
            assertEquals(401, get(s, "/test/whoami", "Bearer " + token("frank", SECRET + "x")).statusCode());
        }
    }

    @Test
    void configuredSecretWinsAndExplicitHostIsKept() throws Exception {
        try (QuireServer s = QuireServer.start(options(Map.of("JWT_SECRET_KEY", "ignored-because-config-wins-000000"))
                .withOverride("quire.auth.mode", "jwt").withOverride("quire.auth.jwt-secret", SECRET)
                .withOverride("quire.server.host", "127.0.0.1"))) {
            assertEquals("127.0.0.1", s.host());
            assertEquals(200, get(s, "/test/whoami", "Bearer " + token("gina", SECRET)).statusCode());
        }
    }

    @Test
    void closeStopsTheHttpServer() throws Exception {
        QuireServer s = QuireServer.start(options(Map.of()));
        int port = s.port();
        s.close();
        s.close();
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).GET().build();
        assertThrows(IOException.class, () -> client.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    static String token(String user, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("user_id", user).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
