package quire.apitests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.ProviderInfo;
import quire.spi.SpiVersion;
import quire.spi.rerank.Reranker;
import quire.spi.rerank.RerankerFactory;

/**
 * A hand-written {@link Reranker} (id {@code keyword}) whose verdict differs from the vector
 * ranking on purpose: a passage containing the configured word scores 0.9, any other 0.2, so a
 * test can tell reranked results from plain ones.
 */
final class TestingRerankerFactory implements RerankerFactory {
    static final String ID = "keyword";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "testing reranker that favours passages containing one word";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(ConfigProperty.optional("favourite", ConfigType.STRING, "zebra", "the word that scores high"));
    }

    @Override
    public Reranker create(PluginConfig config, PluginContext context) {
        String word = config.string("favourite").orElse("zebra").toLowerCase(Locale.ROOT);
        return new Reranker() {
            @Override
            public ProviderInfo info() {
                return new ProviderInfo(ID, Map.of("favourite", word));
            }

            @Override
            public List<Double> score(String query, List<String> passages) {
                List<Double> out = new ArrayList<>(passages.size());
                for (String p : passages) {
                    out.add(p.toLowerCase(Locale.ROOT).contains(word) ? 0.9 : 0.2);
                }
                return out;
            }
        };
    }
}
