package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class PingHealthIT {

    @Test
    void pingAnswersTheExactMorphikBody() throws Exception {
        try (TestingServer s = new TestingServer()) {
            HttpResponse<String> r = s.get("/ping");
            assertEquals(200, r.statusCode());
            assertEquals("{\"status\":\"ok\",\"message\":\"Server is running\"}", r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void healthListsServicesPluginsAndTimestamp() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456Z"), ZoneOffset.UTC);
        HealthRoutes health = new HealthRoutes(List.of(HealthProbe.of("storage", true, () -> true)),
                () -> List.of(new PluginReport("jdbc", "storage", "boot", "ACTIVE", null)), clock);
        try (TestingServer s = new TestingServer(new JwtAuthenticator("x".repeat(40), Clock.systemUTC()), 1024, health)) {
            // /health needs no token even in JWT mode
            HttpResponse<String> r = s.get("/health");
            assertEquals(200, r.statusCode());
            JsonObject body = TestingServer.object(r);
            assertEquals("healthy", body.getString("status"));
            assertEquals("2026-03-04T05:06:07.123456+00:00", body.getString("timestamp"));
            JsonObject storage = body.getJsonArray("services").getJsonObject(0);
            assertEquals("storage", storage.getString("name"));
            assertEquals("healthy", storage.getString("status"));
            assertTrue(storage.containsKey("response_time_ms"));
            assertFalse(storage.containsKey("message"));
            JsonObject plugin = body.getJsonArray("plugins").getJsonObject(0);
            assertEquals("jdbc", plugin.getString("id"));
            assertEquals("storage", plugin.getString("extension_point"));
            assertEquals("boot", plugin.getString("source"));
            assertEquals("ACTIVE", plugin.getString("state"));
        }
    }

    @Test
    void criticalFailureIsUnhealthyOthersDegrade() throws Exception {
        AtomicBoolean storageUp = new AtomicBoolean(true);
        HealthRoutes health = new HealthRoutes(List.of(
                HealthProbe.of("storage", true, storageUp::get),
                HealthProbe.of("embedder", false, () -> {
                    throw new IllegalStateException("secret://should-not-show");
                })),
                () -> List.of(), Clock.systemUTC());
        try (TestingServer s = new TestingServer(new DevAuthenticator(null), 1024, health)) {
            JsonObject degraded = TestingServer.object(s.get("/health"));
            assertEquals("degraded", degraded.getString("status"));
            JsonObject embedder = degraded.getJsonArray("services").getJsonObject(1);
            assertEquals("unhealthy", embedder.getString("status"));
            assertEquals("check failed: IllegalStateException", embedder.getString("message"));

            storageUp.set(false);
            HttpResponse<String> r = s.get("/health");
            assertEquals(200, r.statusCode());
            assertEquals("unhealthy", TestingServer.object(r).getString("status"));
        }
    }

    @Test
    void failedPluginDegrades() throws Exception {
        HealthRoutes health = new HealthRoutes(List.of(),
                () -> List.of(new PluginReport("broken", "parsers", "my-plugin", "FAILED", "no provider")),
                Clock.systemUTC());
        try (TestingServer s = new TestingServer(new DevAuthenticator(null), 1024, health)) {
            JsonObject body = TestingServer.object(s.get("/health"));
            assertEquals("degraded", body.getString("status"));
            assertEquals("no provider", body.getJsonArray("plugins").getJsonObject(0).getString("message"));
        }
    }
}
