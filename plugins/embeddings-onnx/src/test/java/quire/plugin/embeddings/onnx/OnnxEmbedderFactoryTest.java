package quire.plugin.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.plugin.embeddings.onnx.testing.TestModels;
import quire.spi.ConfigProperty;
import quire.spi.ExtensionPoint;
import quire.spi.PluginException;
import quire.spi.SpiVersion;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

class OnnxEmbedderFactoryTest {
    @TempDir
    Path data;

    private final OnnxEmbedderFactory factory = new OnnxEmbedderFactory();

    @Test
    void isFoundByServiceLoader() {
        getClass().getModule().addUses(EmbedderFactory.class);
        List<String> ids = ServiceLoader.load(EmbedderFactory.class).stream()
                .map(p -> p.get().id()).toList();
        assertTrue(ids.contains("onnx"), "found " + ids);
    }

    @Test
    void describesItself() {
        assertEquals("onnx", factory.id());
        assertEquals(ExtensionPoint.EMBEDDER, factory.extensionPoint());
        assertTrue(SpiVersion.isCompatible(factory.spiVersion()));
        List<String> keys = factory.configProperties().stream().map(ConfigProperty::name).toList();
        assertEquals(List.of("model", "models-dir", "threads", "batch-size", "max-tokens"), keys);
        assertEquals(OnnxEmbedderFactory.DEFAULT_MODEL.id(), factory.configProperties().get(0).defaultValue());
    }

    @Test
    void defaultThreadsLeaveRoomForConcurrentCallers() {
        assertEquals(1, OnnxEmbedderFactory.defaultThreads(1));
        assertEquals(1, OnnxEmbedderFactory.defaultThreads(2), "two workers on two cores: one model thread each");
        assertEquals(2, OnnxEmbedderFactory.defaultThreads(4));
        assertEquals(4, OnnxEmbedderFactory.defaultThreads(8));
        assertEquals(4, OnnxEmbedderFactory.defaultThreads(64));
        assertTrue(factory.configProperties().get(2).doc().contains("processors / 2"));
    }

    @Test
    void unknownModelFailsWithTheKeyPathAndTheChoices() {
        PluginException e = assertThrows(PluginException.class, () -> create(Map.of("model", "gpt-embed")));
        assertTrue(e.getMessage().contains("quire.embedder.onnx.model"), e.getMessage());
        assertTrue(e.getMessage().contains("bge-small-en-v15-q"), e.getMessage());
    }

    @Test
    void missingModelFilesNameTheExpectedPath() {
        Path empty = data.resolve("no-models");
        PluginException e = assertThrows(PluginException.class,
                () -> create(Map.of("models-dir", empty.toString())));
        assertTrue(e.getMessage().contains(empty.resolve(OnnxEmbedderFactory.DEFAULT_MODEL.id()).toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("quire.embedder.onnx.models-dir"), e.getMessage());
    }

    @Test
    void modelsDirDefaultsToQuireHomeModels() throws Exception {
        String previous = System.getProperty("quire.home");
        System.setProperty("quire.home", TestModels.directory().getParent().toString());
        try (Embedder embedder = create(Map.of("model", "all-minilm-l6-v2-q"))) {
            assertEquals("all-minilm-l6-v2-q", embedder.embedderInfo().modelId());
        } finally {
            if (previous == null) {
                System.clearProperty("quire.home");
            } else {
                System.setProperty("quire.home", previous);
            }
        }
    }

    @Test
    void configuredThreadsOverrideTheDefault() throws Exception {
        try (Embedder embedder = create(Map.of("model", "all-minilm-l6-v2-q",
                "models-dir", TestModels.directory().toString(), "threads", "3"))) {
            assertEquals("3", embedder.info().details().get("threads"));
        }
    }

    @Test
    void maxTokensAboveTheModelLimitIsRefused() {
        PluginException e = assertThrows(PluginException.class, () -> create(Map.of(
                "model", "all-minilm-l6-v2-q", "models-dir", TestModels.directory().toString(), "max-tokens", "1024")));
        assertTrue(e.getMessage().contains("max-tokens 1024"), e.getMessage());
    }

    @Test
    void smallerMaxTokensIsReportedAndClosedEmbedderRefusesWork() throws Exception {
        Embedder embedder = create(Map.of("model", "all-minilm-l6-v2-q",
                "models-dir", TestModels.directory().toString(), "max-tokens", "128", "batch-size", "2"));
        assertEquals(128, embedder.embedderInfo().maxTokens());
        assertEquals(Integer.toString(OnnxEmbedderFactory.defaultThreads(Runtime.getRuntime().availableProcessors())),
                embedder.info().details().get("threads"), "threads unset: the default");
        // DJL would otherwise call home (EC2 metadata, telemetry) when a tokenizer is created
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertEquals(3, embedder.embedPassages(List.of("one", "two", "three")).size());
        embedder.close();
        embedder.close();
        assertThrows(IllegalStateException.class, () -> embedder.embedQuery("after close"));
    }

    private Embedder create(Map<String, String> values) {
        return factory.create(TestingPluginConfig.of("quire.embedder.onnx", factory.configProperties(), values, data),
                TestingPluginContext.of(data, factory.id()));
    }
}
