package quire.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

import quire.kernel.KernelException;

/**
 * {@code quire serve [--port N] [--data DIR] [--config FILE] [--host H]} and
 * {@code quire reembed [--data DIR] [--config FILE]}.
 *
 * <p>Prints exactly one line to standard output once the server listens:
 * {@code Quire started on http://HOST:PORT} (scripts and the distribution smoke test wait for it);
 * everything else goes to the log (standard error). Exit codes: 2 for bad arguments, 1 when the
 * server cannot start. SIGTERM stops HTTP, then the kernel.
 *
 * <p>{@code reembed} re-embeds every stored chunk with the configured embedder (after a model
 * change; the server refuses to start until then) and prints progress lines to standard output;
 * exit code 0 when done, 1 on failure (running it again continues where it stopped).
 */
public final class Main {

    private Main() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("quire: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        Map<String, String> env = System.getenv();
        QuireHome home = QuireHome.find(env);
        configureLogging(home);
        if (command.command().equals(CommandLine.REEMBED)) {
            System.exit(reembed(command, env, home, System.out, System.err));
            return;
        }
        QuireServer server;
        try {
            server = start(command, env, home, System.out);
        } catch (StartupException | KernelException e) {
            System.err.println("Quire failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
            }
        }, "quire-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the server as {@code serve} would and prints the start line on {@code out}.
     *
     * @throws StartupException or {@link KernelException} when it cannot start
     */
    static QuireServer start(CommandLine command, Map<String, String> env, QuireHome home, PrintStream out) {
        ServerOptions options = options(command, env, home);
        QuireServer server = QuireServer.start(options);
        out.println("Quire started on " + server.url());
        out.flush();
        return server;
    }

    /**
     * Runs {@code reembed}: progress lines on {@code out}, a failure on {@code err}.
     *
     * @return the exit code: 0 when every chunk was re-embedded, 1 otherwise
     */
    static int reembed(CommandLine command, Map<String, String> env, QuireHome home, PrintStream out, PrintStream err) {
        try {
            ReembedCommand.run(options(command, env, home), out);
            return 0;
        } catch (StartupException | KernelException | ReembedException e) {
            err.println("quire reembed failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // a storage failure, say: the work done so far is kept either way
            err.println("quire reembed failed: " + e + "; the work done is kept: run `"
                    + EmbeddingGuard.REEMBED_COMMAND + "` again to continue");
            return 1;
        }
    }

    static ServerOptions options(CommandLine command, Map<String, String> env, QuireHome home) {
        Path config = command.config() != null ? command.config() : home.defaultConfigFile();
        if (config != null && !Files.isRegularFile(config)) {
            throw new StartupException("configuration file not found: " + config.toAbsolutePath());
        }
        ServerOptions options = ServerOptions.of(env).withConfigFile(config)
                .withPluginsDirectory(home.pluginsDirectory()).withDataDirectory(command.data());
        if (command.port() != null) {
            options = options.withOverride("quire." + HostProperties.PORT, command.port().toString());
        }
        if (command.host() != null) {
            options = options.withOverride("quire." + HostProperties.HOST, command.host());
        }
        return options;
    }

    /** Uses {@code config/logging.properties} unless the JVM was given a logging configuration. */
    private static void configureLogging(QuireHome home) {
        Path file = home.loggingConfigFile();
        if (file == null || System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException | RuntimeException e) {
            System.err.println("quire: cannot read " + file + ": " + e.getMessage());
        }
    }
}
