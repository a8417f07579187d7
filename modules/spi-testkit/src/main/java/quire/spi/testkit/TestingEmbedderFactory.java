package quire.spi.testkit;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;

/** Creates {@link TestingEmbedder}s (id {@code testing}) so tests can run a whole server without a model. */
public final class TestingEmbedderFactory implements EmbedderFactory {
    /** The factory id. */
    public static final String ID = "testing";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Deterministic bag-of-words embedder for tests";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(ConfigProperty.optional("dimensions", ConfigType.INT, "64", "vector length"),
                ConfigProperty.optional("max-tokens", ConfigType.INT, "128", "input limit in words"),
                ConfigProperty.optional("model-id", ConfigType.STRING, null,
                        "model id to report; unset: testing-bow-<dimensions> (set another to simulate another model)"),
                ConfigProperty.optional("delay-ms", ConfigType.INT, "0",
                        "each passage batch takes at least this long (keeps work in flight for restart tests)"));
    }

    @Override
    public Embedder create(PluginConfig config, PluginContext context) {
        return new TestingEmbedder(config.string("model-id").orElse(null), config.intValue("dimensions"),
                config.intValue("max-tokens")).delayEachCall(config.intValue("delay-ms"));
    }
}
