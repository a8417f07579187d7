package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself: a server with real plugins starts, reports healthy storage and serves the document routes. */
class ServerStartsIT {
    @TempDir
    Path dir;

    @Test
    void startsWithRealPluginsAndDocumentServices() {
        try (QuireTestServer server = QuireTestServer.start(dir)) {
            assertEquals(200, server.http().get("/ping").status());
            HttpFixture.Response health = server.http().get("/health");
            assertEquals(200, health.status());
            assertTrue(health.text().contains("\"storage\""), health.text());
            assertTrue(server.server().services().isPresent(), "document services are wired");
        }
    }
}
