package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the image as an operator would ({@code bin/quire serve --port 0 --data DIR}), waits for
 * the one "Quire started on" line, calls /ping and /health over real HTTP, then stops it with
 * SIGTERM. Prints the start-up time and the image size.
 */
class SmokeIT {
    private static final Pattern STARTED = Pattern.compile("^Quire started on (http://\\S+?)/?$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void servesPingAndHealthAndStopsOnSigterm(@TempDir Path temp) throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Path stderr = temp.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                ImageUnderTest.launcher().toString(), "serve", "--port", "0", "--data", data.toString()))
                .redirectError(stderr.toFile());
        // Hermetic: nothing from the caller's QUIRE_* environment; a stale QUIRE_HOME must be ignored.
        builder.environment().keySet().removeIf(k -> k.startsWith("QUIRE_"));
        builder.environment().put("QUIRE_HOME", temp.resolve("not-the-image").toString());

        long started = System.nanoTime();
        Process process = builder.start();
        try {
            String base = awaitStartedLine(process, stderr);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            HttpResponse<String> ping = get(http, base + "/ping");
            long startupMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, ping.statusCode(), ping.body());
            String body = ping.body();
            assertTrue(body.matches("(?s)\\s*\\{.*}\\s*"), body);
            assertTrue(body.matches("(?s).*\"status\"\\s*:\\s*\"ok\".*"), body);
            assertTrue(body.matches("(?s).*\"message\"\\s*:\\s*\"Server is running\".*"), body);

            HttpResponse<String> health = get(http, base + "/health");
            assertEquals(200, health.statusCode(), health.body());

            process.destroy();   // SIGTERM: the launcher exec'd the JVM, so the signal reaches it
            assertTrue(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "the server did not stop within " + STOP_TIMEOUT + " of SIGTERM");

            Path home = ImageUnderTest.home();
            long total = ImageUnderTest.size(home);
            long models = ImageUnderTest.size(home.resolve("models"));
            System.out.printf("[image] start-up to /ping: %d ms; image %d MB (%d MB without models, runtime/ %d MB)%n",
                    startupMillis, total >> 20, (total - models) >> 20, ImageUnderTest.size(home.resolve("runtime")) >> 20);
            System.out.println("[image] /health: " + health.body());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        assertFalse(process.isAlive());
    }

    /** Reads stdout until the start line; fails with the server's stderr when it exits or times out first. */
    private static String awaitStartedLine(Process process, Path stderr) throws Exception {
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println("[quire] " + line);
                    Matcher m = STARTED.matcher(line);
                    if (m.matches()) {
                        // Keep draining stdout so the server never blocks on a full pipe.
                        Thread.ofVirtual().start(() -> out.lines().forEach(l -> System.out.println("[quire] " + l)));
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String base = url.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (base == null) {
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("the server exited (" + (process.isAlive() ? "still running" : process.exitValue())
                        + ") without printing 'Quire started on http://...'; stderr:\n" + Files.readString(stderr));
            }
            return base;
        } catch (TimeoutException e) {
            throw new AssertionError("no 'Quire started on' line within " + START_TIMEOUT + "; stderr:\n" + Files.readString(stderr));
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
