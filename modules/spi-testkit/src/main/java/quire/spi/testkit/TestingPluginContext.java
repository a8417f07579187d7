package quire.spi.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import quire.spi.PluginContext;
import quire.spi.Provider;
import quire.spi.SpiVersion;

/**
 * A {@link PluginContext} for tests: a data directory the test chooses (usually a JUnit temp
 * dir), a clock, real executors shut down by {@link #close()}, and the providers the test hands in.
 */
public final class TestingPluginContext implements PluginContext, AutoCloseable {
    private final Path serverDataDirectory;
    private final String providerId;
    private final Clock clock;
    private final Map<Class<?>, Provider> providers = new HashMap<>();
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

    /**
     * @param serverDataDirectory the server's data directory (created when missing)
     * @param providerId          names the provider's own data directory and logger
     * @param clock               the clock providers see
     */
    public TestingPluginContext(Path serverDataDirectory, String providerId, Clock clock) {
        this.serverDataDirectory = serverDataDirectory;
        this.providerId = providerId;
        this.clock = clock;
    }

    /** @return a context with the system UTC clock */
    public static TestingPluginContext of(Path serverDataDirectory, String providerId) {
        return new TestingPluginContext(serverDataDirectory, providerId, Clock.systemUTC());
    }

    /**
     * Makes a provider available through {@link #provider(Class)}.
     *
     * @return this context
     */
    public <P extends Provider> TestingPluginContext withProvider(Class<P> type, P provider) {
        providers.put(type, provider);
        return this;
    }

    @Override
    public Path dataDirectory() {
        return createDirectories(serverDataDirectory.resolve("plugins").resolve(providerId));
    }

    @Override
    public Path serverDataDirectory() {
        return createDirectories(serverDataDirectory);
    }

    @Override
    public ExecutorService executor(String name) {
        ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform()
                .name("test-" + providerId + "-" + name + "-", 0).daemon(true).factory());
        executors.add(executor);
        return executor;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("quire.test." + providerId);
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public <P extends Provider> Optional<P> provider(Class<P> type) {
        return Optional.ofNullable(type.cast(providers.get(type)));
    }

    /** Shuts the executors down. */
    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
