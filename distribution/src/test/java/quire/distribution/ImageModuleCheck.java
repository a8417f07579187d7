package quire.distribution;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs inside the image's own JVM (runtime/bin/java, with the JDK modules the launcher resolves at
 * boot) and loads the image the way the launcher and the kernel do: every jar in lib/ as one boot
 * configuration (resolved with service binding, like {@code --add-modules ALL-MODULE-PATH}), then
 * one layer per plugins/&lt;dir&gt; whose parent is that configuration (like the kernel's
 * PluginLayerLoader). For each plugin it checks that ServiceLoader finds in that layer exactly the
 * Quire factories the layer's module descriptors declare with {@code provides}, at least one, and
 * that each can be instantiated and names itself.
 *
 * <p>Prints one line per finding; exits 1 when anything is wrong, so the calling test shows it all.
 * Arguments: {@code <lib dir> <plugins dir>}.
 */
public final class ImageModuleCheck {
    private static final String SPI_MODULE = "quire.spi";

    private ImageModuleCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path lib = Path.of(args[0]);
        Path plugins = Path.of(args[1]);
        List<String> failures = new ArrayList<>();

        ModuleFinder libFinder = ModuleFinder.of(lib);
        Set<String> libModules = names(libFinder);
        ModuleLayer libLayer;
        try {
            Configuration boot = ModuleLayer.boot().configuration().resolveAndBind(libFinder, ModuleFinder.of(), libModules);
            libLayer = ModuleLayer.boot().defineModulesWithOneLoader(boot, ClassLoader.getSystemClassLoader());
        } catch (RuntimeException e) {
            System.out.println("FAIL lib/: the boot module graph does not resolve: " + e);
            System.exit(1);
            return;
        }
        System.out.println("OK lib/: " + libModules.size() + " boot modules resolve: " + libModules);

        ClassLoader spiLoader = libLayer.findLoader(SPI_MODULE);
        // The extension points are whatever the SPI module declares it uses: no list to keep in sync here.
        Set<String> factoryTypes = libLayer.findModule(SPI_MODULE).orElseThrow().getDescriptor().uses();
        Method id = spiLoader.loadClass("quire.spi.ProviderFactory").getMethod("id");

        List<Path> dirs;
        try (Stream<Path> list = Files.list(plugins)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        if (dirs.isEmpty()) {
            failures.add("no plugin directories in " + plugins);
        }
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            try {
                System.out.println("OK plugins/" + name + "/: " + checkPlugin(dir, libLayer, spiLoader, factoryTypes, id));
            } catch (Exception | LinkageError | java.util.ServiceConfigurationError e) {
                failures.add("plugins/" + name + "/: " + e);
            }
        }
        failures.forEach(f -> System.out.println("FAIL " + f));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static String checkPlugin(Path dir, ModuleLayer libLayer, ClassLoader spiLoader, Set<String> factoryTypes,
                                      Method id) throws Exception {
        ModuleFinder finder = ModuleFinder.of(dir);
        Set<String> roots = names(finder);
        if (roots.isEmpty()) {
            throw new IllegalStateException("no modules in the directory");
        }
        Configuration cf = libLayer.configuration().resolve(finder, ModuleFinder.of(), roots);
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(cf, List.of(libLayer), ClassLoader.getSystemClassLoader())
                .layer();

        Set<String> declared = new TreeSet<>();
        for (Module module : layer.modules()) {
            for (ModuleDescriptor.Provides provides : module.getDescriptor().provides()) {
                if (factoryTypes.contains(provides.service())) {
                    provides.providers().forEach(p -> declared.add(simple(provides.service()) + "=" + p));
                }
            }
        }
        if (declared.isEmpty()) {
            throw new IllegalStateException("modules " + roots + " declare no `provides quire.spi...Factory`");
        }

        Set<String> found = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (String type : factoryTypes) {
            Class<?> service = spiLoader.loadClass(type);
            for (ServiceLoader.Provider<?> provider : ServiceLoader.load(layer, service).stream().toList()) {
                if (provider.type().getModule().getLayer() != layer) {
                    continue;   // parents' providers come back too; the kernel ignores them, so do we
                }
                found.add(simple(type) + "=" + provider.type().getName());
                Object factory = provider.get();
                Object factoryId = id.invoke(factory);
                if (!(factoryId instanceof String s) || s.isBlank()) {
                    throw new IllegalStateException(provider.type().getName() + ".id() is blank");
                }
                ids.add(simple(type) + ":" + factoryId);
            }
        }
        if (!found.equals(declared)) {
            throw new IllegalStateException("ServiceLoader found " + found + " but the descriptors declare " + declared);
        }
        return "modules " + roots + " provide " + ids;
    }

    private static Set<String> names(ModuleFinder finder) {
        return finder.findAll().stream().map(ModuleReference::descriptor).map(ModuleDescriptor::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
