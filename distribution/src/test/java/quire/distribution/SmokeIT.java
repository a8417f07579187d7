package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the image as an operator would ({@code bin/quire serve ...}), waits for the one
 * "Quire started on" line, calls the server over real HTTP, then stops it with SIGTERM.
 * Prints the start-up time and the image size.
 */
class SmokeIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void servesPingAndHealthAndStopsOnSigterm(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        long started = System.nanoTime();
        try (ImageServer server = ImageServer.start(temp, Map.of(), "serve", "--port", "0", "--data", data.toString())) {
            HttpResponse<String> ping = get(server.base() + "/ping");
            long startupMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, ping.statusCode(), ping.body());
            String body = ping.body();
            assertTrue(body.matches("(?s)\\s*\\{.*}\\s*"), body);
            assertTrue(body.matches("(?s).*\"status\"\\s*:\\s*\"ok\".*"), body);
            assertTrue(body.matches("(?s).*\"message\"\\s*:\\s*\"Server is running\".*"), body);

            HttpResponse<String> health = get(server.base() + "/health");
            assertEquals(200, health.statusCode(), health.body());
            // the image's module graph gives the index the Vector API and a way into hnswlib's graph
            assertTrue(health.body().matches("(?s).*\"distance\"\\s*:\\s*\"simd-\\d+\".*"), health.body());
            assertTrue(health.body().matches("(?s).*\"search\"\\s*:\\s*\"graph-walk\".*"), health.body());
            assertTrue(Files.isDirectory(data), "--data " + data + " was not used");

            server.stop();

            Path home = ImageUnderTest.home();
            long total = ImageUnderTest.size(home);
            long models = ImageUnderTest.size(home.resolve("models"));
            System.out.printf("[image] start-up to /ping: %d ms; image %d MB (%d MB without models, runtime/ %d MB)%n",
                    startupMillis, total >> 20, (total - models) >> 20, ImageUnderTest.size(home.resolve("runtime")) >> 20);
            System.out.println("[image] /health: " + health.body());
        }
    }

    /** The launcher contract's other half: --config FILE, and config keys from the environment. */
    @Test
    void takesConfigFileAndEnvironment(@TempDir Path temp) throws Exception {
        Path config = temp.resolve("quire.yaml");
        // The shipped defaults with another fixed port: the environment must win over it.
        Files.writeString(config, Files.readString(ImageUnderTest.home().resolve("config/application.yaml"))
                .replaceFirst("(?m)^(\\s+port:\\s*)\\d+", "$1" + 1));
        Map<String, String> env = Map.of("QUIRE_SERVER_PORT", "0", "QUIRE_DATA_DIR", temp.resolve("env-data").toString());
        try (ImageServer server = ImageServer.start(temp, env, "serve", "--config", config.toString())) {
            assertNotEquals(1, URI.create(server.base()).getPort(), "QUIRE_SERVER_PORT did not override the file");
            assertEquals(200, get(server.base() + "/ping").statusCode());
            assertTrue(Files.isDirectory(temp.resolve("env-data")), "QUIRE_DATA_DIR was not used");
            server.stop();
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
