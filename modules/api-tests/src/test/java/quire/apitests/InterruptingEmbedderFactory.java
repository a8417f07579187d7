package quire.apitests;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.ProviderInfo;
import quire.spi.SpiVersion;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.embedding.EmbeddingException;
import quire.spi.testkit.TestingEmbedder;

/**
 * The testing embedder (id {@code interrupting}) that fails for good on its n-th passage call, to
 * stand for a re-embed killed half-way. Its vectors equal {@link TestingEmbedder}'s of the same
 * dimensions, so it reports the same model id.
 */
final class InterruptingEmbedderFactory implements EmbedderFactory {
    static final String ID = "interrupting";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "testing embedder that fails on the n-th passage call";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(ConfigProperty.optional("dimensions", ConfigType.INT, "64", "vector length"),
                ConfigProperty.optional("fail-on-call", ConfigType.INT, "3", "the passage call that fails"));
    }

    @Override
    public Embedder create(PluginConfig config, PluginContext context) {
        TestingEmbedder delegate = new TestingEmbedder(config.intValue("dimensions"), 128);
        int failOn = config.intValue("fail-on-call");
        AtomicInteger calls = new AtomicInteger();
        return new Embedder() {
            @Override
            public EmbedderInfo embedderInfo() {
                return delegate.embedderInfo();
            }

            @Override
            public List<float[]> embedPassages(List<String> texts) throws EmbeddingException {
                if (calls.incrementAndGet() == failOn) {
                    throw new EmbeddingException("simulated crash", false, null);
                }
                return delegate.embedPassages(texts);
            }

            @Override
            public float[] embedQuery(String text) throws EmbeddingException {
                return delegate.embedQuery(text);
            }

            @Override
            public int countTokens(String text) {
                return delegate.countTokens(text);
            }

            @Override
            public ProviderInfo info() {
                return ProviderInfo.of(ID);
            }

            @Override
            public void close() {
            }
        };
    }
}
