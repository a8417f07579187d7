package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the image as an operator would ({@code bin/quire serve ...}), waits for the one
 * "Quire started on" line, calls the server over real HTTP, then stops it with SIGTERM.
 * Prints the start-up time and the image size.
 */
class SmokeIT {
    private static final Pattern STARTED = Pattern.compile("^Quire started on (http://\\S+?)/?$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void servesPingAndHealthAndStopsOnSigterm(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("data");
        long started = System.nanoTime();
        try (Server server = Server.start(temp, Map.of(), "serve", "--port", "0", "--data", data.toString())) {
            HttpResponse<String> ping = get(server.base() + "/ping");
            long startupMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, ping.statusCode(), ping.body());
            String body = ping.body();
            assertTrue(body.matches("(?s)\\s*\\{.*}\\s*"), body);
            assertTrue(body.matches("(?s).*\"status\"\\s*:\\s*\"ok\".*"), body);
            assertTrue(body.matches("(?s).*\"message\"\\s*:\\s*\"Server is running\".*"), body);

            HttpResponse<String> health = get(server.base() + "/health");
            assertEquals(200, health.statusCode(), health.body());
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
        try (Server server = Server.start(temp, env, "serve", "--config", config.toString())) {
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

    /** bin/quire as a child process; closing it always kills what is left. */
    private record Server(Process process, String base, Path stderr) implements AutoCloseable {

        static Server start(Path temp, Map<String, String> env, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(ImageUnderTest.launcher().toString()));
            command.addAll(List.of(args));
            Path stderr = Files.createTempFile(temp, "stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            // Hermetic: nothing from the caller's QUIRE_* environment; a stale QUIRE_HOME must be ignored.
            builder.environment().keySet().removeIf(k -> k.startsWith("QUIRE_"));
            builder.environment().put("QUIRE_HOME", temp.resolve("not-the-image").toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            try {
                return new Server(process, awaitStartedLine(process, stderr), stderr);
            } catch (Throwable e) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                throw e;
            }
        }

        /** SIGTERM (the launcher exec'd the JVM, so the signal reaches it) and a prompt exit. */
        void stop() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "the server did not stop within " + STOP_TIMEOUT + " of SIGTERM; stderr:\n" + Files.readString(stderr));
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
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
    }
}
