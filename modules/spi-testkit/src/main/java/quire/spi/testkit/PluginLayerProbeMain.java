package quire.spi.testkit;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entry point of {@link PluginLayerProbe}'s fresh JVM. It runs from the class path and uses no
 * JUnit (JUnit is not there), so it is apart from the probe.
 */
public final class PluginLayerProbeMain {
    private PluginLayerProbeMain() {
    }

    /**
     * @param args the {@link PluginLayerCheck}'s class name, the plugin paths joined by the path
     *             separator, then the check's arguments
     */
    public static void main(String[] args) throws Exception {
        ModuleLayer boot = ModuleLayer.boot();
        // what the test proves rests on this: nothing of the plugin can come from the boot layer
        Set<String> extra = new TreeSet<>(PluginLayers.moduleNames(boot));
        extra.removeIf(name -> name.startsWith("java.") || name.startsWith("jdk.") || name.equals("quire.spi"));
        if (!extra.isEmpty() || boot.findModule("quire.spi").isEmpty()) {
            throw new IllegalStateException("the boot layer must hold the JDK and quire.spi only, extra: " + extra);
        }
        List<Path> paths = Arrays.stream(args[1].split(File.pathSeparator)).map(Path::of).toList();
        ModuleLayer.Controller controller = PluginLayers.define(boot, ClassLoader.getSystemClassLoader(), paths);
        PluginLayers.enableNativeAccess(controller);
        System.out.println("layer modules: " + PluginLayers.moduleNames(controller.layer()));
        PluginLayerCheck check = Class.forName(args[0]).asSubclass(PluginLayerCheck.class)
                .getConstructor().newInstance();
        check.run(controller.layer(), List.of(args).subList(2, args.length));
    }
}
