package quire.spi.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import quire.spi.ProviderInfo;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.embedding.EmbeddingException;

/**
 * A deterministic {@link Embedder} for tests: hashed bag-of-words vectors, L2-normalised, so texts
 * sharing words are close. One token per whitespace-separated word. It can be told to fail the
 * next calls, transiently or not, to exercise retries.
 */
public final class TestingEmbedder implements Embedder {
    private final String modelId;
    private final int dimensions;
    private final int maxTokens;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean failuresTransient = true;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile long delayMillis;

    public TestingEmbedder(int dimensions, int maxTokens) {
        this(null, dimensions, maxTokens);
    }

    /**
     * @param modelId    the model id to report, or null for {@code testing-bow-<dimensions>} (another id
     *                   simulates another model with the same dimensions)
     * @param dimensions vector length
     * @param maxTokens  input limit in words
     */
    public TestingEmbedder(String modelId, int dimensions, int maxTokens) {
        this.modelId = modelId == null || modelId.isBlank() ? "testing-bow-" + dimensions : modelId;
        this.dimensions = dimensions;
        this.maxTokens = maxTokens;
    }

    /** @return a 64-dimension embedder with a 128-token limit */
    public static TestingEmbedder small() {
        return new TestingEmbedder(64, 128);
    }

    /** Makes the next {@code times} calls throw. */
    public TestingEmbedder failNext(int times, boolean transientFailure) {
        failuresTransient = transientFailure;
        failuresLeft.set(times);
        return this;
    }

    /** Makes every {@link #embedPassages} call take at least this long (to catch work in flight). */
    public TestingEmbedder delayEachCall(long millis) {
        delayMillis = millis;
        return this;
    }

    /** @return calls of {@link #embedPassages} so far */
    public int passageCalls() {
        return calls.get();
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("testing");
    }

    @Override
    public EmbedderInfo embedderInfo() {
        return new EmbedderInfo(modelId, dimensions, maxTokens, true, "cosine");
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) throws EmbeddingException {
        calls.incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddingException("interrupted", true, e);
            }
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EmbeddingException("testing embedder failure", failuresTransient, null);
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vector(t));
        }
        return out;
    }

    /** Fails like {@link #embedPassages} while failures are pending. */
    @Override
    public float[] embedQuery(String text) throws EmbeddingException {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EmbeddingException("testing embedder failure", failuresTransient, null);
        }
        return vector(text);
    }

    @Override
    public int countTokens(String text) {
        String s = text.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }

    private float[] vector(String text) {
        float[] v = new float[dimensions];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), dimensions)] += 1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1f;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
