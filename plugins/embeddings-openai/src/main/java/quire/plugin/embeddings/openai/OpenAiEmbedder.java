package quire.plugin.embeddings.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quire.spi.PluginException;
import quire.spi.ProviderInfo;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.embedding.EmbeddingException;

/**
 * An {@link Embedder} over an OpenAI-compatible endpoint: prefixes the inputs, cuts over-long
 * ones, sends them in batches, checks every vector's length and L2-normalises when asked.
 * Thread-safe: the HTTP client is, and nothing else is mutable.
 */
final class OpenAiEmbedder implements Embedder {
    static final String PROBE_TEXT = "dimension probe";

    private final OpenAiSettings settings;
    private final EmbeddingsClient client;
    private final EmbedderInfo info;

    private OpenAiEmbedder(OpenAiSettings settings, EmbeddingsClient client, int dimensions) {
        this.settings = settings;
        this.client = client;
        this.info = new EmbedderInfo(settings.model(), dimensions, settings.maxTokens(), settings.normalize(), "cosine");
    }

    /** Connects; when the vector length is not configured, learns it from one probe request. */
    static OpenAiEmbedder start(OpenAiSettings settings, System.Logger logger) {
        EmbeddingsClient client = new EmbeddingsClient(settings, logger);
        int dimensions;
        if (settings.dimensions() != null) {
            dimensions = settings.dimensions();
        } else {
            try {
                dimensions = client.embed(List.of(PROBE_TEXT))[0].length;
            } catch (EmbeddingException e) {
                client.close();
                throw new PluginException("could not learn the vector size of model '" + settings.model()
                        + "' (set 'dimensions' to start without asking the server): " + e.getMessage(), e);
            }
            if (dimensions == 0) {
                client.close();
                throw new PluginException("model '" + settings.model() + "' at " + settings.displayUrl() + " returned an empty vector");
            }
            int learned = dimensions;
            logger.log(System.Logger.Level.INFO, () -> "embedding model " + settings.model() + " at "
                    + settings.displayUrl() + " returns " + learned + " dimensions");
        }
        return new OpenAiEmbedder(settings, client, dimensions);
    }

    @Override
    public EmbedderInfo embedderInfo() {
        return info;
    }

    @Override
    public ProviderInfo info() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("base-url", settings.displayUrl());
        details.put("model", info.modelId());
        details.put("dimensions", Integer.toString(info.dimensions()));
        details.put("max-tokens", Integer.toString(info.maxTokens()));
        details.put("normalized", Boolean.toString(info.normalized()));
        details.put("metric", info.metric());
        return new ProviderInfo(OpenAiEmbedderFactory.ID, details);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) throws EmbeddingException {
        List<String> inputs = new ArrayList<>(texts.size());
        for (String t : texts) {
            inputs.add(input(settings.passagePrefix(), t));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < inputs.size(); from += settings.batchSize()) {
            List<String> batch = inputs.subList(from, Math.min(inputs.size(), from + settings.batchSize()));
            for (float[] v : client.embed(batch)) {
                out.add(finish(v));
            }
        }
        return out;
    }

    @Override
    public float[] embedQuery(String text) throws EmbeddingException {
        return finish(client.embed(List.of(input(settings.queryPrefix(), text)))[0]);
    }

    /** Estimates the tokens of the passage as sent, prefix included; see {@link TokenEstimator}. */
    @Override
    public int countTokens(String text) {
        return TokenEstimator.count(settings.passagePrefix() + text);
    }

    private String input(String prefix, String text) {
        String input = prefix + (text == null ? "" : text);
        if (input.isEmpty()) {
            // OpenAI rejects empty strings; one space embeds as "nothing" everywhere
            return " ";
        }
        return settings.truncate() ? TokenEstimator.truncate(input, settings.maxTokens()) : input;
    }

    private float[] finish(float[] v) throws EmbeddingException {
        if (v.length != info.dimensions()) {
            throw new EmbeddingException("model '" + settings.model() + "' returned a vector of " + v.length
                    + " dimensions, expected " + info.dimensions() + " (was the model changed on the server?)", false, null);
        }
        if (settings.normalize()) {
            double sum = 0;
            for (float x : v) {
                sum += (double) x * x;
            }
            if (sum > 0) {
                float scale = (float) (1.0 / Math.sqrt(sum));
                for (int i = 0; i < v.length; i++) {
                    v[i] *= scale;
                }
            }
        }
        return v;
    }

    @Override
    public void close() {
        client.close();
    }
}
