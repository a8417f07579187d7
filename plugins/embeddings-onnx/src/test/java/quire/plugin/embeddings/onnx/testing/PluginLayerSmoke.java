package quire.plugin.embeddings.onnx.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;
import quire.spi.testkit.PluginLayers;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * Loads the plugin the way the kernel does, from a directory of jars as its own {@link ModuleLayer}
 * over a boot layer holding {@code quire.spi}, and embeds one text. Not a test: run by hand,
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -p quire-spi.jar --add-modules quire.spi -cp target/test-classes:quire-spi-testkit.jar \
 *      quire.plugin.embeddings.onnx.testing.PluginLayerSmoke &lt;plugin-dir&gt; &lt;models-dir&gt; [model]
 * </pre>
 */
public final class PluginLayerSmoke {
    private PluginLayerSmoke() {
    }

    public static void main(String[] args) throws Exception {
        Path pluginDir = Path.of(args[0]);
        Path modelsDir = Path.of(args[1]).toAbsolutePath();
        ModuleLayer.Controller controller = PluginLayers.define(ModuleLayer.boot(),
                PluginLayerSmoke.class.getClassLoader(), List.of(pluginDir));
        PluginLayers.enableNativeAccess(controller);
        System.out.println("layer modules: " + PluginLayers.moduleNames(controller.layer()));
        EmbedderFactory factory = PluginLayers.providers(controller.layer(), EmbedderFactory.class).stream()
                .filter(f -> f.id().equals("onnx")).findFirst().orElseThrow();
        System.out.println("factory module: " + factory.getClass().getModule() + " in plugin layer: "
                + (factory.getClass().getModule().getLayer() == controller.layer()));
        Path data = Files.createTempDirectory("quire-onnx-smoke");
        Map<String, String> values = args.length > 2
                ? Map.of("models-dir", modelsDir.toString(), "model", args[2])
                : Map.of("models-dir", modelsDir.toString());
        try (Embedder embedder = factory.create(
                TestingPluginConfig.of("quire.embedder.onnx", factory.configProperties(), values, data),
                TestingPluginContext.of(data, factory.id()))) {
            float[] vector = embedder.embedQuery("How do I reset my password?");
            System.out.println(embedder.info() + " -> " + vector.length + " dimensions, tokens="
                    + embedder.countTokens("How do I reset my password?"));
        }
        try (var files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(f -> System.out.println("extracted: " + data.relativize(f)));
        }
    }
}
