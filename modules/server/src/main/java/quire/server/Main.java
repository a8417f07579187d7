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
 * {@code quire serve [--port N] [--data DIR] [--config FILE] [--host H]}.
 *
 * <p>Prints exactly one line to standard output once the server listens:
 * {@code Quire started on http://HOST:PORT} (scripts and the distribution smoke test wait for it);
 * everything else goes to the log (standard error). Exit codes: 2 for bad arguments, 1 when the
 * server cannot start. SIGTERM stops HTTP, then the kernel.
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
