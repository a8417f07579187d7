package quire.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import quire.spi.SpiVersion;

/**
 * Proves a packaged plugin works as its own module layer over a boot layer that holds only the
 * JDK and {@code quire.spi}, as in the distribution's {@code plugins/<id>/}. It needs a fresh JVM:
 * a test's own JVM already holds the plugin and its libraries. That JVM runs
 * {@link PluginLayerProbeMain} from the class path (this testkit), which checks its boot layer
 * really is that small, loads the plugin with {@link PluginLayers} the way the kernel does, and
 * hands the layer to a {@link PluginLayerCheck}. The plugin layer's parent loader is the
 * application loader, as in the kernel; its class path holds only this testkit and the check.
 */
public final class PluginLayerProbe {
    /** Names the packaged plugin jar; failsafe sets it. */
    public static final String PLUGIN_JAR_PROPERTY = "quire.plugin.jar";
    /** Names the folder of the plugin's runtime jars; failsafe sets it. */
    public static final String PLUGIN_DIR_PROPERTY = "quire.plugin.dir";

    private final List<Path> pluginPaths;

    private PluginLayerProbe(List<Path> pluginPaths) {
        this.pluginPaths = List.copyOf(pluginPaths);
    }

    /** @return a probe for the given plugin jars and folders of jars */
    public static PluginLayerProbe of(List<Path> pluginPaths) {
        return new PluginLayerProbe(pluginPaths);
    }

    /**
     * @return a probe for the packaged plugin jar and its runtime-jar folder named by
     *         {@value #PLUGIN_JAR_PROPERTY} and {@value #PLUGIN_DIR_PROPERTY}; the calling test is
     *         skipped without them (they are set by failsafe after {@code package})
     */
    public static PluginLayerProbe fromFailsafeProperties() {
        String jar = System.getProperty(PLUGIN_JAR_PROPERTY);
        String dir = System.getProperty(PLUGIN_DIR_PROPERTY);
        Assumptions.assumeTrue(jar != null && dir != null,
                PLUGIN_JAR_PROPERTY + "/" + PLUGIN_DIR_PROPERTY + " not set: run through failsafe");
        return of(List.of(Path.of(jar), Path.of(dir)));
    }

    /**
     * Runs {@code check} in a fresh JVM whose module path is only the {@code quire.spi} this test
     * runs with, and fails unless that JVM exits with 0.
     *
     * @param check a {@link PluginLayerCheck} of this testkit or of the calling module's test classes
     * @param args  arguments for the check
     * @return what the JVM printed (standard output and error)
     */
    public String run(Class<? extends PluginLayerCheck> check, String... args) throws IOException, InterruptedException {
        Set<Path> classPath = new LinkedHashSet<>(List.of(location(PluginLayerProbeMain.class), location(check)));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the probe (class path) grants the plugin layer native access, as the kernel does
                "--enable-native-access=ALL-UNNAMED",
                "--module-path", location(SpiVersion.class).toString(), "--add-modules", "quire.spi",
                "-cp", join(classPath),
                PluginLayerProbeMain.class.getName(), check.getName(), join(pluginPaths)));
        command.addAll(Arrays.asList(args));
        Path log = Files.createTempFile("plugin-layer-probe", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                fail("probe did not finish: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    private static String join(Iterable<Path> paths) {
        List<String> parts = new ArrayList<>();
        paths.forEach(p -> parts.add(p.toString()));
        return String.join(File.pathSeparator, parts);
    }
}
