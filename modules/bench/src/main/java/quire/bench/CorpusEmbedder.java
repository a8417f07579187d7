package quire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quire.kernel.Kernel;
import quire.kernel.KernelOptions;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.embedding.EmbeddingException;

/**
 * Fills the vector cache with real embeddings: paragraph chunks of the corpus pages through the
 * real ONNX embedder (a kernel holding only the embedder, as the server configures it). Resumes
 * where the cache ends: chunks come in the same order every time, so the first {@code count()}
 * are skipped.
 */
final class CorpusEmbedder {
    private static final int BATCH = 32;

    private CorpusEmbedder() {
    }

    /** @return the cache's vectors, at least {@code wanted} when the corpus has that many chunks */
    static VectorCache.Loaded ensure(Path cacheBase, List<Path> corpora, Path modelsDir, Map<String, String> embedderSettings,
                                     int wanted, PrintStream out) throws IOException, EmbeddingException {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("quire.embedder.provider", "onnx");
        o.put("quire.embedder.onnx.models-dir", modelsDir.toAbsolutePath().toString());
        o.putAll(embedderSettings);
        try (Kernel kernel = Kernel.start(new KernelOptions(null, null, cacheBase.toAbsolutePath().getParent().resolve("kernel"),
                Map.of(), o, List.of()))) {
            Embedder embedder = kernel.provider(Embedder.class)
                    .orElseThrow(() -> new IllegalStateException("no embedder configured"));
            EmbedderInfo info = embedder.embedderInfo();
            Path base = cacheBase.resolveSibling(cacheBase.getFileName() + "-" + info.modelId());
            try (VectorCache cache = VectorCache.open(base, info.modelId(), info.dimensions())) {
                int have = cache.count();
                out.printf(Locale.ROOT, "[embed] cache %s.f32 holds %d vectors of %s (%d dims); want %d%n", base, have,
                        info.modelId(), info.dimensions(), wanted);
                if (have < wanted) {
                    fill(cache, embedder, corpora, have, wanted, out);
                }
                return cache.read(wanted);
            }
        }
    }

    private static void fill(VectorCache cache, Embedder embedder, List<Path> corpora, int have, int wanted, PrintStream out)
            throws IOException {
        List<Path> pages = TextChunks.pages(corpora);
        List<String> texts = new ArrayList<>(BATCH);
        int[] pageOf = new int[BATCH];
        long[] seen = {0};
        long[] written = {have};
        long started = System.nanoTime();
        long[] lastPrint = {started};
        IOException[] failure = {null};
        TextChunks.forEach(pages, chunk -> {
            if (seen[0]++ < have) {
                return true;
            }
            pageOf[texts.size()] = chunk.page();
            texts.add(chunk.text());
            if (texts.size() == BATCH || written[0] + texts.size() >= wanted) {
                try {
                    cache.append(embedder.embedPassages(texts), pageOf);
                } catch (IOException e) {
                    failure[0] = e;
                    return false;
                } catch (EmbeddingException e) {
                    failure[0] = new IOException("embedding failed: " + e.getMessage(), e);
                    return false;
                }
                written[0] += texts.size();
                texts.clear();
                long now = System.nanoTime();
                if (now - lastPrint[0] > 10_000_000_000L) {
                    lastPrint[0] = now;
                    double s = (now - started) / 1e9;
                    double rate = (written[0] - have) / s;
                    out.printf(Locale.ROOT, "  [embed] %d/%d chunks (page %d/%d), %.1f chunks/s, %.0f s, ~%.0f s left%n",
                            written[0], wanted, chunk.page() + 1, pages.size(), rate, s, (wanted - written[0]) / rate);
                }
            }
            return written[0] < wanted;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (!texts.isEmpty()) {
            try {
                cache.append(embedder.embedPassages(texts), pageOf);
            } catch (EmbeddingException e) {
                throw new IOException("embedding failed: " + e.getMessage(), e);
            }
            written[0] += texts.size();
        }
        out.printf(Locale.ROOT, "[embed] cache holds %d vectors (%d new in %.0f s)%n", written[0], written[0] - have,
                (System.nanoTime() - started) / 1e9);
    }
}
