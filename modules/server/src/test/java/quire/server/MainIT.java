package quire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainIT {

    private static final Pattern STARTED = Pattern.compile("Quire started on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path home;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void printsExactlyTheStartLineAndReadsTheHomeConfig() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.yaml"),
                "quire:\n  server:\n    port: 0\n    max-body-size: 1KB\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine command = CommandLine.parse("serve", "--data", home.resolve("data").toString());
        try (QuireServer s = Main.start(command, Map.of(), new QuireHome(home), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertEquals("Quire started on http://127.0.0.1:" + s.port() + System.lineSeparator(),
                    out.toString(StandardCharsets.UTF_8));
            // the 1KB limit from $QUIRE_HOME/config/application.yaml applies
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url() + "/ping"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode());
        }
    }

    @Test
    void reembedWithoutStorageOrEmbedderExitsOneWithTheReason() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine command = CommandLine.parse("reembed", "--data", home.resolve("data").toString());
        assertEquals(1, Main.reembed(command, Map.of(), new QuireHome(home), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("quire reembed failed: reembed needs a storage and an embedder provider configured "
                + "(configured: storage=false, embedder=false)" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingConfigFileIsAStartupError() throws Exception {
        CommandLine command = CommandLine.parse("serve", "--config", home.resolve("nope.yaml").toString());
        StartupException e = assertThrows(StartupException.class,
                () -> Main.start(command, Map.of(), new QuireHome(home), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("nope.yaml"));
    }

    @Test
    void processServesUntilSigtermAndPrintsOneLine() throws Exception {
        Process p = launch(Map.of(), "serve", "--port", "0");
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = stdout.readLine();
            Matcher m = STARTED.matcher(line == null ? "" : line);
            assertTrue(m.matches(), "first stdout line: " + line);
            HttpResponse<String> ping = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/ping")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            // Process.destroy() would also close our end of the pipes; send SIGTERM like an init system.
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
            List<String> rest = new ArrayList<>();
            for (String l; (l = stdout.readLine()) != null; ) {
                rest.add(l);
            }
            assertEquals(List.of(), rest, "nothing but the start line on stdout");
            assertEquals(143, p.waitFor(), "128 + SIGTERM: the JVM ran its shutdown hooks and exited");
            String log = Files.readString(home.resolve("stderr.log"));
            assertTrue(!log.contains("Exception"), log);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        Process p = launch(Map.of(), "serve", "--port", "x");
        assertEquals(2, p.waitFor());
        String err = Files.readString(home.resolve("stderr.log"));
        assertTrue(err.contains("usage: quire serve"), err);
    }

    @Test
    void jwtWithoutSecretExitsWithOneAndSaysWhy() throws Exception {
        Process p = launch(Map.of("QUIRE_AUTH_MODE", "jwt"), "serve", "--port", "0");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        String err = Files.readString(home.resolve("stderr.log"));
        assertTrue(err.contains("Quire failed to start") && err.contains("no secret"), err);
        assertEquals("", out);
    }

    private Process launch(Map<String, String> env, String... args) throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        Assumptions.assumeTrue(modulePath != null, "not running on the module path: skipping the process test");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "-m", "quire.server/quire.server.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUIRE_") || k.equals("JWT_SECRET_KEY"));
        pb.environment().put("QUIRE_HOME", home.toString());
        pb.environment().putAll(env);
        pb.redirectError(home.resolve("stderr.log").toFile());
        return pb.start();
    }
}
