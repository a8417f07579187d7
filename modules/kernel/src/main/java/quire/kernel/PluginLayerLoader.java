package quire.kernel;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/**
 * Finds factories: those on the boot layer or classpath (source {@code boot}) and those in one
 * {@link ModuleLayer} per sub-directory of the plugins directory.
 */
final class PluginLayerLoader {
    static final String BOOT = "boot";
    private static final System.Logger LOG = System.getLogger("quire.kernel");

    /** A plugin directory that could not be loaded at all. */
    record FailedDirectory(String name, String message) {
    }

    /** Everything found. */
    record Result(List<DiscoveredFactory> factories, List<FailedDirectory> failedDirectories) {
    }

    private PluginLayerLoader() {
    }

    static Result load(Path pluginsDirectory) {
        List<DiscoveredFactory> factories = new ArrayList<>(bootFactories());
        List<FailedDirectory> failed = new ArrayList<>();
        if (pluginsDirectory != null) {
            if (!Files.isDirectory(pluginsDirectory)) {
                throw new KernelException("plugins directory " + pluginsDirectory.toAbsolutePath() + " does not exist");
            }
            for (Path dir : subdirectories(pluginsDirectory)) {
                String name = dir.getFileName().toString();
                try {
                    factories.addAll(loadDirectory(dir, name, ModuleLayer.boot()));
                } catch (FindException | ResolutionException | LayerInstantiationException | ServiceConfigurationError
                         | LinkageError | SecurityException | IllegalStateException | IllegalArgumentException e) {
                    String message = "plugin directory " + name + " failed to load: " + describe(e);
                    LOG.log(System.Logger.Level.WARNING, message);
                    failed.add(new FailedDirectory(name, message));
                }
            }
        }
        return new Result(factories, failed);
    }

    /** Boot factories: named modules of the boot layer plus META-INF/services on the classpath. */
    private static List<DiscoveredFactory> bootFactories() {
        List<DiscoveredFactory> out = new ArrayList<>();
        ClassLoader loader = PluginLayerLoader.class.getClassLoader();
        for (ExtensionPoint point : ExtensionPoint.values()) {
            ServiceLoader<? extends ProviderFactory<?>> sl = ServiceLoader.load(point.factoryType(), loader);
            for (ServiceLoader.Provider<? extends ProviderFactory<?>> p : sl.stream().toList()) {
                ModuleLayer layer = p.type().getModule().getLayer();
                if (layer == null || layer == ModuleLayer.boot()) {
                    try {
                        out.add(checked(p.get(), point, BOOT));
                    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                        throw new KernelException("factory " + p.type().getName() + " on the boot module path is broken: "
                                + describe(e), e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Loads one plugin directory as a layer over {@code parent} (the boot layer; tests pass another).
     *
     * @return the factories whose module is in the new layer
     */
    static List<DiscoveredFactory> loadDirectory(Path dir, String name, ModuleLayer parent) {
        if (parent.findModule("quire.spi").isEmpty()) {
            // on the classpath the SPI is in the unnamed module, which plugin modules cannot require
            throw new IllegalStateException("the host runs quire.spi on the classpath, not the module path, "
                    + "so plugin modules cannot resolve 'requires quire.spi'");
        }
        ModuleFinder finder = ModuleFinder.of(dir);
        Set<String> roots = new TreeSet<>();
        for (ModuleReference ref : finder.findAll()) {
            roots.add(ref.descriptor().name());
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no modules (jars or exploded module directories) found in " + dir);
        }
        // one class loader per plugin directory: its jars see each other, and a JNI library loads once
        Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(
                cf, List.of(parent), PluginLayerLoader.class.getClassLoader());
        ModuleLayer layer = controller.layer();
        enableNativeAccess(controller, layer, name);
        List<DiscoveredFactory> out = new ArrayList<>();
        for (ExtensionPoint point : ExtensionPoint.values()) {
            ServiceLoader<? extends ProviderFactory<?>> sl = ServiceLoader.load(layer, point.factoryType());
            for (ServiceLoader.Provider<? extends ProviderFactory<?>> p : sl.stream().toList()) {
                // ServiceLoader.load(layer, ...) also returns the parents' (boot) providers: keep ours only
                if (p.type().getModule().getLayer() == layer) {
                    try {
                        out.add(checked(p.get(), point, name));
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("factory " + p.type().getName() + " is broken: " + describe(e), e);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("modules " + roots + " provide no Quire extension point");
        }
        return out;
    }

    /** Calls the describing methods once so a factory that throws from them fails here, at load. */
    private static DiscoveredFactory checked(ProviderFactory<?> factory, ExtensionPoint point, String source) {
        java.util.Objects.requireNonNull(factory.id(), "id()");
        factory.extensionPoint();
        factory.spiVersion();
        java.util.Objects.requireNonNull(factory.configProperties(), "configProperties()");
        java.util.Objects.requireNonNull(factory.dependsOn(), "dependsOn()");
        return new DiscoveredFactory(factory, point, source);
    }

    /**
     * JNI plugins (onnxruntime, tokenizers) need native access. The method exists from Java 22, so it
     * is called reflectively to keep the kernel compiling for Java 21.
     */
    private static void enableNativeAccess(ModuleLayer.Controller controller, ModuleLayer layer, String name) {
        Method enable;
        try {
            enable = ModuleLayer.Controller.class.getMethod("enableNativeAccess", Module.class);
        } catch (NoSuchMethodException e) {
            return;
        }
        for (Module module : layer.modules()) {
            try {
                enable.invoke(controller, module);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot enable native access for " + module.getName()
                        + " in plugin directory " + name + " (start with --enable-native-access=quire.kernel): "
                        + describe(e));
            }
        }
    }

    private static List<Path> subdirectories(Path pluginsDirectory) {
        try (Stream<Path> s = Files.list(pluginsDirectory)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new KernelException("cannot list plugins directory " + pluginsDirectory + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null
                ? ite.getCause() : e;
        StringBuilder sb = new StringBuilder(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
