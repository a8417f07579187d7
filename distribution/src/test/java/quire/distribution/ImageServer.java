package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

/** bin/quire as a child process, started as an operator would; closing it always kills what is left. */
record ImageServer(Process process, String base, Path stderr) implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("^Quire started on (http://\\S+?)/?$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    static ImageServer start(Path temp, Map<String, String> env, String... args) throws Exception {
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
            return new ImageServer(process, awaitStartedLine(process, stderr), stderr);
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

    /** SIGKILL: the process dies at once, mid-work, as in a power cut. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertTrue(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the server survived SIGKILL");
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
