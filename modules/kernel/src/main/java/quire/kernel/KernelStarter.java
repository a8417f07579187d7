package quire.kernel;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.ExtensionPoint;
import quire.spi.PluginConfig;
import quire.spi.Provider;
import quire.spi.ProviderFactory;
import quire.spi.SpiVersion;

/** One start-up, step by step: discover, check, bind config, select, order, create. */
final class KernelStarter {
    private static final System.Logger LOG = System.getLogger("quire.kernel");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final String PROVIDER_KEY = "provider";
    static final String NONE = "none";

    private final KernelOptions options;
    private final Collection<? extends ProviderFactory<?>> extraFactories;
    private final Clock clock;
    private final SecretMasker masker = new SecretMasker();
    /** Usable factories by point and id. */
    private final Map<ExtensionPoint, Map<String, DiscoveredFactory>> usable = new EnumMap<>(ExtensionPoint.class);
    /** Why a (point, id) cannot be used, for messages when it is configured. */
    private final Map<String, String> unusable = new LinkedHashMap<>();
    private final Map<DiscoveredFactory, PluginStatus> statuses = new LinkedHashMap<>();
    private final List<PluginStatus> directoryStatuses = new ArrayList<>();

    KernelStarter(KernelOptions options, Collection<? extends ProviderFactory<?>> extraFactories, Clock clock) {
        this.options = options;
        this.extraFactories = extraFactories;
        this.clock = clock;
    }

    Kernel start() {
        PluginLayerLoader.Result found = PluginLayerLoader.load(options.pluginsDirectory());
        List<DiscoveredFactory> all = new ArrayList<>(found.factories());
        for (ProviderFactory<?> f : extraFactories) {
            all.add(new DiscoveredFactory(f, f.extensionPoint(), PluginLayerLoader.BOOT));
        }
        checkDuplicates(all);
        for (DiscoveredFactory f : all) {
            classify(f);
        }
        for (PluginLayerLoader.FailedDirectory d : found.failedDirectories()) {
            directoryStatuses.add(new PluginStatus(d.name(), null, d.name(), PluginStatus.State.FAILED, d.message(), null));
        }

        ConfigBinder binder = declareAll(found);
        binder.bind();
        refuseConfiguredButUnusable(binder, found);

        Path dataDirectory = dataDirectory(binder);
        try {
            java.nio.file.Files.createDirectories(dataDirectory);
        } catch (java.io.IOException | SecurityException e) {
            throw new KernelException("cannot create data directory " + dataDirectory + " (quire.data-dir): " + e, e);
        }
        PluginConfig hostConfig = hostConfig(binder, dataDirectory);
        List<DiscoveredFactory> selected = select(binder, found);
        List<DiscoveredFactory> order = ProviderOrder.sort(selected);
        List<Kernel.Started> started = create(order, binder, dataDirectory);

        List<PluginStatus> result = new ArrayList<>(statuses.values());
        result.addAll(directoryStatuses);
        Kernel kernel = new Kernel(hostConfig, started, result, masker);
        LOG.log(System.Logger.Level.INFO, "kernel started: data directory " + dataDirectory + ", providers "
                + kernel.activeIds());
        return kernel;
    }

    private void checkDuplicates(List<DiscoveredFactory> all) {
        Map<String, DiscoveredFactory> seen = new LinkedHashMap<>();
        for (DiscoveredFactory f : all) {
            String key = f.point().configKey() + "/" + f.id();
            DiscoveredFactory other = seen.putIfAbsent(key, f);
            if (other != null) {
                throw new KernelException("duplicate plugin id: " + f.point().configKey() + " '" + f.id()
                        + "' is provided by both " + sourceName(other) + " and " + sourceName(f)
                        + "; remove one of them");
            }
        }
    }

    private static String sourceName(DiscoveredFactory f) {
        return PluginLayerLoader.BOOT.equals(f.source()) ? "the boot module path (" + f.factory().getClass().getName() + ")"
                : "plugin directory " + f.source();
    }

    /** Sorts a factory into usable or FAILED (bad id, wrong point, incompatible SPI). */
    private void classify(DiscoveredFactory f) {
        String problem = null;
        String id = f.id();
        if (id == null || !ID.matcher(id).matches()) {
            problem = "invalid id '" + id + "' (use lower-case letters, digits and dashes)";
        } else if (f.factory().extensionPoint() != f.point()) {
            problem = "declares extension point " + f.factory().extensionPoint() + " but is registered as "
                    + f.point();
        } else if (!f.point().multiple() && PROVIDER_KEY.equals(id)) {
            problem = "id 'provider' is reserved for the selection key";
        } else if (!SpiVersion.isCompatible(f.factory().spiVersion())) {
            problem = "was compiled against SPI " + f.factory().spiVersion() + " but this server provides SPI "
                    + SpiVersion.CURRENT + " (plugins must use SPI " + SpiVersion.MAJOR + ".0 to " + SpiVersion.CURRENT
                    + "); rebuild the plugin against this SPI";
        }
        if (problem != null) {
            String message = f.describe() + " " + problem;
            LOG.log(System.Logger.Level.WARNING, message);
            unusable.put(f.point().configKey() + "/" + id, message);
            statuses.put(f, status(f, PluginStatus.State.FAILED, message, null));
            return;
        }
        usable.computeIfAbsent(f.point(), p -> new LinkedHashMap<>()).put(id, f);
        statuses.put(f, status(f, PluginStatus.State.LOADED, "", null));
    }

    private static PluginStatus status(DiscoveredFactory f, PluginStatus.State state, String message,
                                       quire.spi.ProviderInfo info) {
        return new PluginStatus(f.id() == null ? "?" : f.id(), f.point(), f.source(), state, message, info);
    }

    private ConfigBinder declareAll(PluginLayerLoader.Result found) {
        ConfigBinder binder = new ConfigBinder(
                options.configFile() == null ? Map.of() : YamlConfigReader.read(options.configFile()),
                options.environment(), options.overrides(), masker);
        binder.declare(ConfigBinder.ROOT, hostProperties());
        for (ExtensionPoint point : ExtensionPoint.values()) {
            String node = ConfigBinder.ROOT + "." + point.configKey();
            if (!point.multiple()) {
                binder.declare(node, List.of(ConfigProperty.optional(PROVIDER_KEY, ConfigType.STRING, NONE,
                        "id of the " + point.configKey() + " provider, or none")));
            }
            for (DiscoveredFactory f : usable.getOrDefault(point, Map.of()).values()) {
                binder.declare(node + "." + f.id(), f.factory().configProperties());
            }
            for (String key : unusable.keySet()) {
                if (key.startsWith(point.configKey() + "/")) {
                    binder.tolerate(node + "." + key.substring(key.indexOf('/') + 1));
                }
            }
            // a broken plugin directory is usually named after its id: its config must not stop the server
            for (PluginLayerLoader.FailedDirectory d : found.failedDirectories()) {
                binder.tolerate(node + "." + d.name());
            }
        }
        return binder;
    }

    /**
     * Config under the node of a plugin that failed to load or has an incompatible SPI means the
     * operator wants it: that fails start-up. Without config it is an optional plugin, only reported.
     */
    private void refuseConfiguredButUnusable(ConfigBinder binder, PluginLayerLoader.Result found) {
        for (Map.Entry<String, String> e : unusable.entrySet()) {
            String point = e.getKey().substring(0, e.getKey().indexOf('/'));
            String node = ConfigBinder.ROOT + "." + point + "." + e.getKey().substring(point.length() + 1);
            if (binder.anySet(node)) {
                throw new KernelException(masker.mask(node + " is configured but " + e.getValue()));
            }
        }
        for (PluginLayerLoader.FailedDirectory d : found.failedDirectories()) {
            for (ExtensionPoint point : ExtensionPoint.values()) {
                String node = ConfigBinder.ROOT + "." + point.configKey() + "." + d.name();
                if (binder.anySet(node) && !usable.getOrDefault(point, Map.of()).containsKey(d.name())) {
                    throw new KernelException(masker.mask(node + " is configured but " + d.message()));
                }
            }
        }
    }

    private List<ConfigProperty> hostProperties() {
        List<ConfigProperty> props = new ArrayList<>(options.hostProperties());
        if (props.stream().noneMatch(p -> p.name().equals(Kernel.DATA_DIR.name()))) {
            props.add(Kernel.DATA_DIR);
        }
        return props;
    }

    private Path dataDirectory(ConfigBinder binder) {
        if (options.dataDirectory() != null) {
            return Kernel.absolute(options.dataDirectory());
        }
        String text = binder.text(ConfigBinder.ROOT + "." + Kernel.DATA_DIR.name());
        return Kernel.absolute(Path.of(text != null ? text.trim() : Kernel.DATA_DIR.defaultValue()));
    }

    private PluginConfig hostConfig(ConfigBinder binder, Path dataDirectory) {
        // data-dir itself resolves against the working directory (or the option), not against itself
        List<ConfigProperty> props = new ArrayList<>();
        for (ConfigProperty p : hostProperties()) {
            props.add(p.name().equals(Kernel.DATA_DIR.name())
                    ? new ConfigProperty(p.name(), p.type(), dataDirectory.toString(), p.required(), p.secret(), p.doc())
                    : p);
        }
        DefaultPluginConfig base = binder.config(ConfigBinder.ROOT, hostProperties(), dataDirectory);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (String key : base.keys()) {
            if (!key.equals(Kernel.DATA_DIR.name())) {
                values.put(key, ConfigValue.text(base.string(key).orElseThrow(), "config"));
            }
        }
        return new DefaultPluginConfig(ConfigBinder.ROOT, props, values, dataDirectory);
    }

    private List<DiscoveredFactory> select(ConfigBinder binder, PluginLayerLoader.Result found) {
        List<DiscoveredFactory> selected = new ArrayList<>();
        for (ExtensionPoint point : ExtensionPoint.values()) {
            Map<String, DiscoveredFactory> candidates = usable.getOrDefault(point, Map.of());
            if (point.multiple()) {
                selected.addAll(candidates.values());
                continue;
            }
            String key = ConfigBinder.ROOT + "." + point.configKey() + "." + PROVIDER_KEY;
            String id = binder.text(key);
            if (id == null || id.trim().equals(NONE)) {
                continue;
            }
            id = id.trim();
            DiscoveredFactory f = candidates.get(id);
            if (f == null) {
                throw new KernelException(masker.mask(missingMessage(key, point, id, candidates, found)));
            }
            selected.add(f);
        }
        return selected;
    }

    private String missingMessage(String key, ExtensionPoint point, String id, Map<String, DiscoveredFactory> candidates,
                                  PluginLayerLoader.Result found) {
        String why = unusable.get(point.configKey() + "/" + id);
        if (why != null) {
            return key + " = " + id + " but that plugin cannot be used: " + why;
        }
        for (PluginLayerLoader.FailedDirectory d : found.failedDirectories()) {
            if (d.name().equals(id)) {
                return key + " = " + id + " but " + d.message();
            }
        }
        String message = key + " = " + id + " but no " + point.configKey() + " plugin with that id is installed "
                + "(available: " + (candidates.isEmpty() ? "none" : String.join(", ", candidates.keySet())) + ")";
        if (!found.failedDirectories().isEmpty()) {
            // the wanted plugin may sit in a directory not named after its id
            message += "; these plugin directories failed to load: " + String.join("; ",
                    found.failedDirectories().stream().map(PluginLayerLoader.FailedDirectory::message).toList());
        }
        return message;
    }

    /**
     * Builds every selected provider's config before anything is created, so a missing required key
     * fails start-up with nothing to undo. An unconfigured provider of a multiple point that lacks a
     * required key is only FAILED (it is optional).
     */
    private Map<DiscoveredFactory, DefaultPluginConfig> configs(List<DiscoveredFactory> order, ConfigBinder binder,
                                                                Path dataDirectory) {
        Map<DiscoveredFactory, DefaultPluginConfig> configs = new LinkedHashMap<>();
        for (DiscoveredFactory f : order) {
            String node = node(f);
            try {
                configs.put(f, binder.config(node, f.factory().configProperties(), dataDirectory));
            } catch (KernelException e) {
                if (f.point().multiple() && !binder.anySet(node)) {
                    String message = f.describe() + " is not started: " + e.getMessage();
                    LOG.log(System.Logger.Level.WARNING, message);
                    statuses.put(f, status(f, PluginStatus.State.FAILED, message, null));
                } else {
                    throw e;
                }
            }
        }
        return configs;
    }

    private static String node(DiscoveredFactory f) {
        return ConfigBinder.ROOT + "." + f.point().configKey() + "." + f.id();
    }

    private List<Kernel.Started> create(List<DiscoveredFactory> order, ConfigBinder binder, Path dataDirectory) {
        Map<DiscoveredFactory, DefaultPluginConfig> configs = configs(order, binder, dataDirectory);
        List<Kernel.Started> started = new ArrayList<>();
        Map<ExtensionPoint, List<Provider>> active = new EnumMap<>(ExtensionPoint.class);
        for (DiscoveredFactory f : order) {
            DefaultPluginConfig config = configs.get(f);
            if (config == null) {
                continue;
            }
            String node = node(f);
            DefaultPluginContext context = new DefaultPluginContext(f.id(), f.point(), dataDirectory, clock,
                    f.factory().dependsOn(), p -> first(active.get(p)));
            try {
                Provider provider = f.factory().create(config, context);
                if (provider == null) {
                    throw new KernelException(f.describe() + " returned no provider");
                }
                started.add(new Kernel.Started(f, provider, context));
                active.computeIfAbsent(f.point(), p -> new ArrayList<>()).add(provider);
                statuses.put(f, status(f, PluginStatus.State.ACTIVE, "", safeInfo(provider)));
            } catch (Exception | LinkageError e) {
                context.close();
                String message = "cannot start " + f.describe() + ": " + masker.describe(e);
                if (f.point().multiple() && !binder.anySet(node)) {
                    // an optional provider nobody configured: report it, keep the server up
                    LOG.log(System.Logger.Level.WARNING, message);
                    statuses.put(f, status(f, PluginStatus.State.FAILED, masker.mask(message), null));
                    continue;
                }
                Kernel.closeAll(started, masker);
                throw masker.failure(message, e);
            }
        }
        return started;
    }

    private quire.spi.ProviderInfo safeInfo(Provider provider) {
        try {
            return provider.info();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Optional<Provider> first(List<Provider> providers) {
        return providers == null || providers.isEmpty() ? Optional.empty() : Optional.of(providers.get(0));
    }
}
