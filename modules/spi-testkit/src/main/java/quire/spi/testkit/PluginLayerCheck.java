package quire.spi.testkit;

import java.util.List;

/**
 * What {@link PluginLayerProbe} does with a loaded plugin layer inside the fresh JVM: throw to
 * fail, print what the test asserts on. Implementations need a public no-argument constructor and
 * must not use JUnit: only the JDK, {@code quire.spi} and the probe's class path exist there.
 */
public interface PluginLayerCheck {
    /**
     * @param layer the plugin's own layer
     * @param args  the arguments given to {@link PluginLayerProbe#run}
     */
    void run(ModuleLayer layer, List<String> args) throws Exception;
}
