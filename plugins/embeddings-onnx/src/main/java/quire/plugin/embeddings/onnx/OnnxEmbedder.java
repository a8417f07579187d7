package quire.plugin.embeddings.onnx;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import quire.spi.PluginException;
import quire.spi.ProviderInfo;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.embedding.EmbeddingException;

/**
 * An {@link Embedder} running a BERT-style sentence-embedding model in onnxruntime.
 *
 * <p>Texts are tokenized with truncation to {@code maxTokens} and padded to the longest text of
 * their batch; the last hidden state is pooled over the attention mask and scaled to unit length.
 * Thread-safe: onnxruntime sessions and HuggingFace tokenizers allow concurrent calls; a
 * read-write lock only keeps {@link #close()} from freeing native memory under a running call.
 */
public final class OnnxEmbedder implements Embedder {
    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);
    private static final String PREFERRED_OUTPUT = "last_hidden_state";

    private final ModelSpec model;
    private final EmbedderInfo embedderInfo;
    private final ProviderInfo providerInfo;
    private final int batchSize;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final HuggingFaceTokenizer counter;
    private final boolean wantsTokenTypeIds;
    private final boolean countsAddUp;
    /** counts most text in Java; null when the tokenizer is not BERT-style WordPiece or the prefix would not add up */
    private final WordPieceCounter javaCounter;
    /** tokens of the passage prefix with the special tokens: what every count adds to the text's own */
    private final int prefixTokens;
    /** tokens of the empty text: the special tokens */
    private final int specialTokens;
    private final String outputName;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxEmbedder(ModelSpec model, int maxTokens, int threads, int batchSize, OrtEnvironment environment,
                         OrtSession session, HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer counter,
                         boolean wantsTokenTypeIds, String outputName, boolean countsAddUp, Path tokenizerFile) {
        this.model = model;
        this.batchSize = batchSize;
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.counter = counter;
        this.wantsTokenTypeIds = wantsTokenTypeIds;
        this.countsAddUp = countsAddUp;
        this.outputName = outputName;
        this.specialTokens = nativeCount("");
        this.prefixTokens = nativeCount(model.passagePrefix());
        String prefix = model.passagePrefix();
        boolean prefixAddsUp = prefix.isEmpty() || Character.isWhitespace(prefix.charAt(prefix.length() - 1));
        this.javaCounter = countsAddUp && prefixAddsUp
                ? WordPieceCounter.from(tokenizerFile, text -> nativeCount(text) - specialTokens).orElse(null)
                : null;
        this.embedderInfo = new EmbedderInfo(model.id(), model.dimensions(), maxTokens, true, "cosine");
        Map<String, String> details = new LinkedHashMap<>();
        details.put("model", model.id());
        details.put("dimensions", Integer.toString(model.dimensions()));
        details.put("max-tokens", Integer.toString(maxTokens));
        details.put("pooling", model.pooling().name().toLowerCase(java.util.Locale.ROOT));
        details.put("threads", Integer.toString(threads));
        details.put("batch-size", Integer.toString(batchSize));
        this.providerInfo = new ProviderInfo(OnnxEmbedderFactory.ID, details);
    }

    /**
     * Loads a model.
     *
     * @param model     which model
     * @param modelDir  the directory holding its {@code model.onnx} and {@code tokenizer.json}
     * @param maxTokens input limit in tokens, special tokens included; at most the model's own limit
     * @param threads   onnxruntime intra-op threads
     * @param batchSize texts per onnxruntime call
     * @return a ready embedder
     * @throws PluginException when files are missing or the model is not what the table says
     */
    public static OnnxEmbedder open(ModelSpec model, Path modelDir, int maxTokens, int threads, int batchSize) {
        Objects.requireNonNull(model, "model");
        if (maxTokens < 2 || maxTokens > model.maxTokens()) {
            throw new PluginException("max-tokens " + maxTokens + " is outside 2.." + model.maxTokens()
                    + " for model " + model.id());
        }
        if (threads < 1) {
            throw new PluginException("threads must be at least 1, got " + threads);
        }
        if (batchSize < 1) {
            throw new PluginException("batch-size must be at least 1, got " + batchSize);
        }
        Path modelFile = modelDir.resolve(ModelSpec.MODEL_FILE);
        Path tokenizerFile = modelDir.resolve(ModelSpec.TOKENIZER_FILE);
        if (!Files.isRegularFile(modelFile) || !Files.isRegularFile(tokenizerFile)) {
            throw new PluginException("model " + model.id() + " not found: expected " + modelFile.toAbsolutePath()
                    + " and " + tokenizerFile.toAbsolutePath());
        }
        HuggingFaceTokenizer tokenizer = null;
        HuggingFaceTokenizer counter = null;
        OrtSession session = null;
        try {
            tokenizer = DjlTokenizers.open(tokenizerFile, Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "padding", "true",
                    "maxLength", Integer.toString(maxTokens)));
            // chunk sizing needs the full length of a text, so the counter never truncates
            counter = DjlTokenizers.open(tokenizerFile, Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "false",
                    "padding", "false"));
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                // a server shares its cores: idle inference threads must sleep, not spin
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                session = environment.createSession(modelFile.toString(), options);
            }
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK) || !KNOWN_INPUTS.containsAll(inputs)) {
                throw new PluginException("model " + model.id() + " has inputs " + inputs + "; expected "
                        + INPUT_IDS + ", " + ATTENTION_MASK + " and optionally " + TOKEN_TYPE_IDS);
            }
            String output = chooseOutput(model, session);
            OnnxEmbedder embedder = new OnnxEmbedder(model, maxTokens, threads, batchSize, environment, session,
                    tokenizer, counter, inputs.contains(TOKEN_TYPE_IDS), output,
                    DjlTokenizers.countsAddUpAcrossWhitespace(tokenizerFile), tokenizerFile);
            return embedder;
        } catch (OrtException | IOException | RuntimeException e) {
            closeQuietly(session);
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (counter != null) {
                counter.close();
            }
            if (e instanceof PluginException pe) {
                throw pe;
            }
            throw new PluginException("cannot load model " + model.id() + " from " + modelDir.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String chooseOutput(ModelSpec model, OrtSession session) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String name = outputs.containsKey(PREFERRED_OUTPUT) ? PREFERRED_OUTPUT : outputs.keySet().iterator().next();
        if (!(outputs.get(name).getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 3) {
            throw new PluginException("model " + model.id() + ": output " + name
                    + " is not a [batch, sequence, hidden] tensor");
        }
        long hidden = tensor.getShape()[2];
        if (hidden > 0 && hidden != model.dimensions()) {
            throw new PluginException("model " + model.id() + " produces " + hidden + " dimensions, expected "
                    + model.dimensions());
        }
        return name;
    }

    @Override
    public ProviderInfo info() {
        return providerInfo;
    }

    @Override
    public EmbedderInfo embedderInfo() {
        return embedderInfo;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) throws EmbeddingException {
        return embed(texts, model.passagePrefix());
    }

    @Override
    public float[] embedQuery(String text) throws EmbeddingException {
        return embed(List.of(requireText(text)), model.queryPrefix()).get(0);
    }

    /**
     * Counts what the model reads for a passage: the passage prefix, the text and the special
     * tokens ({@code [CLS]}, {@code [SEP]}), without truncation. The limit in
     * {@link EmbedderInfo#maxTokens()} counts the special tokens too, so a chunk sized with this
     * count is never cut short by the model. Both bundled tokenizers are counted mostly in Java
     * ({@link WordPieceCounter}), with the same result as the native tokenizer.
     */
    @Override
    public int countTokens(String text) {
        String body = text == null ? "" : text;
        lock.readLock().lock();
        try {
            ensureOpen();
            return javaCounter != null ? prefixTokens + javaCounter.count(body) : nativeCount(model.passagePrefix() + body);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return true when token counting runs in Java (for tests and the bench) */
    boolean countsInJava() {
        return javaCounter != null;
    }

    /** @return the native tokenizer's count of a text, special tokens included; the caller holds the lock or constructs */
    int nativeCount(String input) {
        // only the ids are read back from native code; Encoding would copy eight arrays
        TokenizersLibrary lib = TokenizersLibrary.LIB;
        long encoding = lib.encode(counter.getHandle(), input, true);
        try {
            return lib.getTokenIds(encoding).length;
        } finally {
            lib.deleteEncoding(encoding);
        }
    }

    /** True for both bundled models: WordPiece behind BERT's pre-tokenizer (read from tokenizer.json). */
    @Override
    public boolean countsAddUpAcrossWhitespace() {
        return countsAddUp;
    }

    private List<float[]> embed(List<String> texts, String prefix) throws EmbeddingException {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            return List.of();
        }
        String[] inputs = new String[texts.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = prefix + requireText(texts.get(i));
        }
        // Batches of similar length waste less work on padding; results go back in input order.
        Integer[] order = new Integer[inputs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> inputs[i].length()));
        float[][] vectors = new float[inputs.length][];
        lock.readLock().lock();
        try {
            ensureOpen();
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                String[] batch = new String[end - start];
                for (int i = start; i < end; i++) {
                    batch[i - start] = inputs[order[i]];
                }
                float[][] out = runBatch(batch);
                for (int i = start; i < end; i++) {
                    vectors[order[i]] = out[i - start];
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return new ArrayList<>(Arrays.asList(vectors));
    }

    private float[][] runBatch(String[] batch) throws EmbeddingException {
        Encoding[] encodings;
        try {
            encodings = tokenizer.batchEncode(batch);
        } catch (RuntimeException e) {
            throw new EmbeddingException("tokenizing failed for model " + model.id() + ": "
                    + e.getClass().getSimpleName(), false, e);
        }
        int rows = encodings.length;
        int sequence = 0;
        for (Encoding encoding : encodings) {
            sequence = Math.max(sequence, encoding.getIds().length);
        }
        long[] ids = new long[rows * sequence];
        long[] mask = new long[rows * sequence];
        long[] types = new long[rows * sequence];
        long[][] masks = new long[rows][];
        for (int r = 0; r < rows; r++) {
            // padding already made rows equal; copying into zeroed rows keeps that true regardless
            long[] rowIds = encodings[r].getIds();
            long[] rowMask = encodings[r].getAttentionMask();
            System.arraycopy(rowIds, 0, ids, r * sequence, rowIds.length);
            System.arraycopy(rowMask, 0, mask, r * sequence, rowMask.length);
            long[] rowTypes = encodings[r].getTypeIds();
            System.arraycopy(rowTypes, 0, types, r * sequence, rowTypes.length);
            masks[r] = Arrays.copyOfRange(mask, r * sequence, (r + 1) * sequence);
        }
        long[] shape = {rows, sequence};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put(INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            feed.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (wantsTokenTypeIds) {
                feed.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(feed, Set.of(outputName))) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] outShape = hidden.getInfo().getShape();
                int dims = (int) outShape[2];
                if (outShape[0] != rows || outShape[1] != sequence || dims != model.dimensions()) {
                    throw new EmbeddingException("model " + model.id() + " returned shape " + Arrays.toString(outShape)
                            + " for input " + Arrays.toString(shape), false, null);
                }
                FloatBuffer buffer = hidden.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                float[][] vectors = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    vectors[r] = Pooling.normalize(model.pooling().pool(values, masks[r], r, sequence, dims));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new EmbeddingException("onnxruntime failed for model " + model.id() + ": " + e.getMessage(), false, e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return text;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedder " + model.id() + " is closed");
        }
    }

    /**
     * Frees the session and both tokenizers. The {@link OrtEnvironment} is a process-wide singleton
     * owned by onnxruntime and shared with any other session, so it is left alone.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(session);
            tokenizer.close();
            counter.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            // nothing else to release; the session's memory is gone either way
        }
    }
}
