package quire.plugin.embeddings.openai;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;

/** Creates the {@code openai} embedder for any OpenAI-compatible {@code /v1/embeddings} endpoint. */
public final class OpenAiEmbedderFactory implements EmbedderFactory {

    /** The factory id used in configuration ({@code quire.embedder.openai}). */
    public static final String ID = "openai";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Embeddings from any OpenAI-compatible /v1/embeddings endpoint (OpenAI, Ollama, vLLM, TEI, LM Studio)";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                ConfigProperty.required(OpenAiSettings.BASE_URL, ConfigType.STRING,
                        "API base URL including the version path, e.g. http://localhost:11434/v1 or https://api.openai.com/v1"),
                ConfigProperty.secret(OpenAiSettings.API_KEY,
                        "Bearer token sent as the Authorization header; none is sent when unset"),
                ConfigProperty.required(OpenAiSettings.MODEL, ConfigType.STRING,
                        "Model name sent with every request and recorded with the vectors, e.g. nomic-embed-text"),
                new ConfigProperty(OpenAiSettings.DIMENSIONS, ConfigType.INT, null, false, false,
                        "Vector length; when unset it is learned at start-up by embedding one probe text"),
                ConfigProperty.optional(OpenAiSettings.REQUEST_DIMENSIONS, ConfigType.BOOLEAN, "false",
                        "Send 'dimensions' in each request (OpenAI text-embedding-3 and Matryoshka models shorten vectors)"),
                ConfigProperty.optional(OpenAiSettings.MAX_TOKENS, ConfigType.INT, "512",
                        "The model's input limit in tokens; chunks are sized below it"),
                ConfigProperty.optional(OpenAiSettings.TRUNCATE, ConfigType.BOOLEAN, "true",
                        "Cut inputs whose estimated token count exceeds max-tokens before sending (long queries)"),
                ConfigProperty.optional(OpenAiSettings.BATCH_SIZE, ConfigType.INT, "64",
                        "Most inputs in one request"),
                ConfigProperty.optional(OpenAiSettings.TIMEOUT, ConfigType.DURATION, "30s",
                        "Connect and per-request timeout"),
                ConfigProperty.optional(OpenAiSettings.MAX_RETRIES, ConfigType.INT, "3",
                        "Retries after a connection error, a timeout, HTTP 408, 429 or 5xx"),
                ConfigProperty.optional(OpenAiSettings.RETRY_BACKOFF, ConfigType.DURATION, "500ms",
                        "First retry delay, doubled per retry with jitter (capped at 30s); a Retry-After header wins"),
                ConfigProperty.optional(OpenAiSettings.QUERY_PREFIX, ConfigType.STRING, null,
                        "Text put before every query, e.g. 'search_query: ' (nomic) or 'query: ' (e5); empty by default"),
                ConfigProperty.optional(OpenAiSettings.PASSAGE_PREFIX, ConfigType.STRING, null,
                        "Text put before every passage, e.g. 'search_document: ' (nomic) or 'passage: ' (e5); empty by default"),
                ConfigProperty.optional(OpenAiSettings.NORMALIZE, ConfigType.BOOLEAN, "true",
                        "Scale returned vectors to unit length (L2), so dot product equals cosine similarity"));
    }

    @Override
    public Embedder create(PluginConfig config, PluginContext context) throws Exception {
        return OpenAiEmbedder.start(OpenAiSettings.from(config), context.logger());
    }
}
