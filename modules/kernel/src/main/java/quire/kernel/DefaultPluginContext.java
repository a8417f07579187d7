package quire.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import quire.spi.ExtensionPoint;
import quire.spi.PluginContext;
import quire.spi.PluginException;
import quire.spi.Provider;
import quire.spi.SpiVersion;

/**
 * The host as one provider sees it. Executors it hands out are shut down by the kernel after the
 * provider is closed.
 */
final class DefaultPluginContext implements PluginContext {
    private static final long EXECUTOR_GRACE_SECONDS = 10;

    private final String id;
    private final ExtensionPoint point;
    private final Path serverDataDirectory;
    private final Clock clock;
    private final Set<ExtensionPoint> dependsOn;
    private final Function<ExtensionPoint, Optional<Provider>> lookup;
    private final System.Logger logger;
    private final Map<String, ExecutorService> executors = new LinkedHashMap<>();
    private boolean closed;

    DefaultPluginContext(String id, ExtensionPoint point, Path serverDataDirectory, Clock clock,
                         Set<ExtensionPoint> dependsOn, Function<ExtensionPoint, Optional<Provider>> lookup) {
        this.id = id;
        this.point = point;
        this.serverDataDirectory = serverDataDirectory;
        this.clock = clock;
        this.dependsOn = Set.copyOf(dependsOn);
        this.lookup = lookup;
        this.logger = System.getLogger("quire.plugin." + point.configKey() + "." + id);
    }

    @Override
    public Path dataDirectory() {
        Path dir = serverDataDirectory.resolve("plugins").resolve(id);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir + " for plugin " + id, e);
        }
    }

    @Override
    public Path serverDataDirectory() {
        return serverDataDirectory;
    }

    @Override
    public synchronized ExecutorService executor(String name) {
        if (closed) {
            throw new PluginException("plugin " + id + " asked for executor " + name + " after it was closed");
        }
        return executors.computeIfAbsent(name, n -> Executors.newCachedThreadPool(threads(n)));
    }

    private ThreadFactory threads(String name) {
        String prefix = "quire-" + id + "-" + name + "-";
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public <P extends Provider> Optional<P> provider(Class<P> type) {
        ExtensionPoint wanted;
        try {
            wanted = ProviderTypes.pointOf(type);
        } catch (IllegalArgumentException e) {
            throw new PluginException(e.getMessage());
        }
        if (!dependsOn.contains(wanted)) {
            throw new PluginException(point.configKey() + " '" + id + "' asked for " + wanted.configKey()
                    + " but did not declare it in dependsOn()");
        }
        return lookup.apply(wanted).map(type::cast);
    }

    /** Shuts the executors down: politely first, then by interrupt. */
    synchronized void close() {
        closed = true;
        for (ExecutorService e : executors.values()) {
            e.shutdown();
        }
        for (ExecutorService e : executors.values()) {
            try {
                if (!e.awaitTermination(EXECUTOR_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        executors.clear();
    }
}
