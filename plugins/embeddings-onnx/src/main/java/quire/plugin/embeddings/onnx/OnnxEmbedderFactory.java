package quire.plugin.embeddings.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.PluginException;
import quire.spi.SpiVersion;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;

/**
 * Creates {@link OnnxEmbedder}s: factory id {@code onnx}.
 *
 * <p>Model files are looked up in {@code <models-dir>/<model>/}; {@code models-dir} defaults to
 * {@code models/} under the Quire home (system property {@code quire.home} or environment variable
 * {@code QUIRE_HOME}), where the image ships the bundled models.
 */
public final class OnnxEmbedderFactory implements EmbedderFactory {
    /** The factory id. */
    public static final String ID = "onnx";
    /**
     * The model used when none is configured. In this plugin's benchmark it retrieved as well as
     * bge-small-en-v15-q (better, on its hand-written set) at two to three times the speed.
     */
    public static final ModelSpec DEFAULT_MODEL = ModelSpec.ALL_MINILM_L6_V2_Q;

    static final String MODEL = "model";
    static final String MODELS_DIR = "models-dir";
    static final String THREADS = "threads";
    static final String BATCH_SIZE = "batch-size";
    static final String MAX_TOKENS = "max-tokens";
    /**
     * One text per model call by default. The bundled models are int8 with dynamic quantization:
     * activation scales are computed per call, so a batched text's vector depends on its neighbours
     * (cosine to its single-text vector down to 0.98 at 8, 0.96 at 32). Batches of 8 were 10-50%
     * faster in the benchmark (noisy, loaded two-core machine); 32 was slower. One text per call
     * keeps every vector reproducible per text and in the same space as queries, which are
     * always embedded alone; bulk ingestion may trade that for speed with {@code batch-size: 8}.
     */
    static final int DEFAULT_BATCH_SIZE = 1;

    /**
     * Intra-op threads per call when none are configured: half the processors, at least 1, at
     * most 4. One session serves every caller, and each caller runs its call's share of the work
     * on its own thread besides the session's {@code threads - 1} pool threads; with the two
     * ingestion workers embedding at once that is {@code 2 + threads - 1} busy threads, which half
     * the processors keeps within the machine (the former {@code min(4, processors)} ran 3 on 2
     * cores and 5 on 4, and the oversubscribed model threads waited on each other). More than 4
     * gains little on models this small.
     */
    static int defaultThreads(int processors) {
        return Math.max(1, Math.min(4, processors / 2));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Local English embedding model on onnxruntime (" + String.join(", ", ModelSpec.ids()) + ")";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                ConfigProperty.optional(MODEL, ConfigType.STRING, DEFAULT_MODEL.id(),
                        "model id, one of " + String.join(", ", ModelSpec.ids())
                                + "; changing it needs a re-embed of stored documents"),
                ConfigProperty.optional(MODELS_DIR, ConfigType.PATH, null,
                        "directory holding <model>/model.onnx and <model>/tokenizer.json; default $QUIRE_HOME/models"),
                ConfigProperty.optional(THREADS, ConfigType.INT, null,
                        "onnxruntime intra-op threads per call; default max(1, min(4, processors / 2)), so that"
                                + " concurrent ingestion workers do not oversubscribe the cores"),
                ConfigProperty.optional(BATCH_SIZE, ConfigType.INT, Integer.toString(DEFAULT_BATCH_SIZE),
                        "texts per model call; above 1 slightly faster, but int8 vectors then depend on their batch"),
                ConfigProperty.optional(MAX_TOKENS, ConfigType.INT, null,
                        "input limit in tokens (longer texts are truncated; chunks are sized by it);"
                                + " default and maximum: the model's own limit"));
    }

    @Override
    public Embedder create(PluginConfig config, PluginContext context) {
        String modelId = config.string(MODEL).orElse(DEFAULT_MODEL.id()).trim();
        ModelSpec model = ModelSpec.find(modelId).orElseThrow(() -> new PluginException(
                config.path() + "." + MODEL + ": unknown model '" + modelId + "'; known: "
                        + String.join(", ", ModelSpec.ids())));
        Path modelsDir = modelsDirectory(config);
        int threads = has(config, THREADS) ? config.intValue(THREADS)
                : defaultThreads(Runtime.getRuntime().availableProcessors());
        int batchSize = has(config, BATCH_SIZE) ? config.intValue(BATCH_SIZE) : DEFAULT_BATCH_SIZE;
        int maxTokens = has(config, MAX_TOKENS) ? config.intValue(MAX_TOKENS) : model.maxTokens();
        Path modelDir = modelsDir.resolve(model.id());
        if (!Files.isRegularFile(modelDir.resolve(ModelSpec.MODEL_FILE))
                || !Files.isRegularFile(modelDir.resolve(ModelSpec.TOKENIZER_FILE))) {
            throw new PluginException(config.path() + ": model " + model.id() + " not found: expected "
                    + modelDir.toAbsolutePath().resolve(ModelSpec.MODEL_FILE) + " and "
                    + ModelSpec.TOKENIZER_FILE + " beside it (set " + config.path() + "." + MODELS_DIR + ")");
        }
        DjlTokenizers.configure(context.dataDirectory().resolve("native"));
        try {
            return OnnxEmbedder.open(model, modelDir, maxTokens, threads, batchSize);
        } catch (PluginException e) {
            throw new PluginException(config.path() + ": " + e.getMessage(), e);
        }
    }

    private static boolean has(PluginConfig config, String key) {
        return config.keys().contains(key);
    }

    private static Path modelsDirectory(PluginConfig config) {
        if (has(config, MODELS_DIR)) {
            return config.pathValue(MODELS_DIR);
        }
        String home = System.getProperty("quire.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("QUIRE_HOME");
        }
        if (home == null || home.isBlank()) {
            throw new PluginException(config.path() + "." + MODELS_DIR + " is not set and the Quire home is"
                    + " unknown (neither the system property quire.home nor QUIRE_HOME is set)");
        }
        return Path.of(home).resolve("models");
    }
}
