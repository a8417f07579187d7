package quire.kernel;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import quire.spi.ConfigProperty;
import quire.spi.ExtensionPoint;
import quire.spi.PluginConfig;
import quire.spi.Provider;
import quire.spi.ProviderFactory;

/**
 * The plugin host: reads configuration, loads plugin layers, validates every key strictly and
 * creates the configured providers in {@code dependsOn} order. Thread-safe after {@link #start}.
 */
public final class Kernel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("quire.kernel");

    private final PluginConfig hostConfig;
    private final List<Started> started;
    private final List<PluginStatus> statuses;
    private final SecretMasker masker;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A created provider with its context, in creation order. */
    record Started(DiscoveredFactory factory, Provider provider, DefaultPluginContext context) {
    }

    Kernel(PluginConfig hostConfig, List<Started> started, List<PluginStatus> statuses, SecretMasker masker) {
        this.hostConfig = hostConfig;
        this.started = List.copyOf(started);
        this.statuses = List.copyOf(statuses);
        this.masker = masker;
    }

    /**
     * Reads config, loads plugin layers, validates every config key strictly, creates the configured
     * providers in dependsOn order.
     *
     * @param options what to load
     * @return the running kernel
     * @throws KernelException with an operator-facing message naming the key or plugin at fault
     */
    public static Kernel start(KernelOptions options) throws KernelException {
        return start(options, List.of());
    }

    /**
     * Like {@link #start(KernelOptions)}, with extra factories treated as if found on the boot layer
     * (source {@code boot}). For embedding and for tests that use hand-written fakes.
     *
     * @param options   what to load
     * @param factories additional factories
     * @return the running kernel
     * @throws KernelException with an operator-facing message naming the key or plugin at fault
     */
    public static Kernel start(KernelOptions options, Collection<? extends ProviderFactory<?>> factories)
            throws KernelException {
        return new KernelStarter(options, factories, Clock.systemUTC()).start();
    }

    /** @return typed view of the host's own node {@code quire} (keys declared in {@link KernelOptions#hostProperties()}) */
    public PluginConfig hostConfig() {
        return hostConfig;
    }

    /**
     * The configured provider of a single-provider extension point.
     *
     * @param providerType the provider interface, e.g. {@code StorageBackend.class}
     * @param <P>          its type
     * @return the provider; empty when the point is configured {@code none} or absent
     * @throws IllegalArgumentException for a multiple point (use {@link #providers})
     */
    public <P extends Provider> Optional<P> provider(Class<P> providerType) {
        ExtensionPoint point = ProviderTypes.pointOf(providerType);
        if (point.multiple()) {
            throw new IllegalArgumentException(point.configKey() + " has many providers; use providers("
                    + providerType.getSimpleName() + ".class)");
        }
        return providers(providerType).stream().findFirst();
    }

    /**
     * @param providerType the provider interface, e.g. {@code Parser.class}
     * @param <P>          its type
     * @return all active providers of the point, in creation order
     */
    public <P extends Provider> List<P> providers(Class<P> providerType) {
        ExtensionPoint point = ProviderTypes.pointOf(providerType);
        List<P> out = new ArrayList<>();
        for (Started s : started) {
            if (s.factory().point() == point) {
                out.add(providerType.cast(s.provider()));
            }
        }
        return List.copyOf(out);
    }

    /** @return every plugin directory / factory seen, with its state, for {@code /health} */
    public List<PluginStatus> plugins() {
        if (!closed.get()) {
            return statuses;
        }
        List<PluginStatus> out = new ArrayList<>();
        for (PluginStatus s : statuses) {
            out.add(s.state() == PluginStatus.State.ACTIVE
                    ? new PluginStatus(s.id(), s.extensionPoint(), s.source(), PluginStatus.State.LOADED, "closed", null)
                    : s);
        }
        return List.copyOf(out);
    }

    /** Closes providers in reverse creation order, then their executors; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(started, masker);
        }
    }

    /** Closes in reverse order; one failing close does not stop the others. */
    static void closeAll(List<Started> started, SecretMasker masker) {
        for (int i = started.size() - 1; i >= 0; i--) {
            Started s = started.get(i);
            try {
                s.provider().close();
            } catch (Exception | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + s.factory().describe() + " failed: "
                        + masker.describe(e));
            } finally {
                s.context().close();
            }
        }
    }

    /** @return a map of point config key to active ids, for logs */
    Map<String, List<String>> activeIds() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Started s : started) {
            out.computeIfAbsent(s.factory().point().configKey(), k -> new ArrayList<>()).add(s.factory().id());
        }
        return out;
    }

    /** Default host keys every Kernel knows, so {@code quire.data-dir} works without the server declaring it. */
    static final ConfigProperty DATA_DIR = ConfigProperty.optional("data-dir", quire.spi.ConfigType.PATH, "data",
            "root directory for all server data; plugins get <data-dir>/plugins/<id>");

    static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
