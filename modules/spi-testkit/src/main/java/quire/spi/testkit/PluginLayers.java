package quire.spi.testkit;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a plugin layer the way the kernel loads {@code plugins/<id>/}: every module found in the
 * given jars or folders is a root, all of them share one class loader, and the new layer's
 * parent is the given layer (the boot layer in the distribution). Used in-process by tests that
 * can live with their own boot layer, and by {@link PluginLayerProbe} in a fresh JVM.
 */
public final class PluginLayers {
    private PluginLayers() {
    }

    /**
     * @param parent       the layer the plugin resolves against (must hold {@code quire.spi})
     * @param parentLoader the class loader the layer's loader delegates to for anything not in a module
     * @param modulePaths  plugin jars, and folders of jars
     * @return the controller of the new layer
     * @throws IllegalStateException when the paths hold no module
     */
    public static ModuleLayer.Controller define(ModuleLayer parent, ClassLoader parentLoader, List<Path> modulePaths) {
        ModuleFinder finder = ModuleFinder.of(modulePaths.toArray(Path[]::new));
        Set<String> roots = new TreeSet<>();
        for (ModuleReference ref : finder.findAll()) {
            roots.add(ref.descriptor().name());
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no modules found in " + modulePaths);
        }
        Configuration configuration = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
        return ModuleLayer.defineModulesWithOneLoader(configuration, List.of(parent), parentLoader);
    }

    /**
     * Grants native access to every module of the layer, as the kernel does for JNI plugins. The
     * method exists from Java 22 and is restricted, so the caller must run with native access
     * itself ({@code --enable-native-access=ALL-UNNAMED} for the class path).
     *
     * @param controller the layer's controller
     */
    public static void enableNativeAccess(ModuleLayer.Controller controller) throws ReflectiveOperationException {
        Method enable;
        try {
            enable = ModuleLayer.Controller.class.getMethod("enableNativeAccess", Module.class);
        } catch (NoSuchMethodException beforeJava22) {
            return;
        }
        for (Module module : controller.layer().modules()) {
            enable.invoke(controller, module);
        }
    }

    /**
     * @param layer a plugin layer
     * @param type  a factory type, e.g. {@code ParserFactory.class}
     * @return the providers of {@code type} whose class is in {@code layer} itself, never the parents'
     */
    public static <S> List<S> providers(ModuleLayer layer, Class<S> type) {
        // a named caller must declare the use; the unnamed module (class path) needs nothing
        PluginLayers.class.getModule().addUses(type);
        return ServiceLoader.load(layer, type).stream()
                .filter(p -> p.type().getModule().getLayer() == layer)
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    /**
     * @return the names of the layer's modules, sorted
     */
    public static Set<String> moduleNames(ModuleLayer layer) {
        Set<String> names = new TreeSet<>();
        layer.modules().forEach(m -> names.add(m.getName()));
        return names;
    }
}
