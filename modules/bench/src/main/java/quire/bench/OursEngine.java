package quire.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import quire.index.IndexHit;
import quire.index.IndexOptions;
import quire.index.VectorIndex;
import quire.retrieval.RetrievalSettings;
import quire.retrieval.SearchPlanner;
import quire.spi.storage.ChunkKey;

/**
 * Quire's {@link VectorIndex}, called directly: {@code search} for plain queries and, for filtered
 * ones, the server's {@link SearchPlanner}: an exact scan of the candidates' chunks when they are
 * few, otherwise a sketch scan or an HNSW walk that keeps only the candidates' chunks.
 */
final class OursEngine {
    private final Dataset data;
    private VectorIndex index;
    private int[] docStart;
    double buildSeconds;
    double bytesPerVector;

    OursEngine(Dataset data) {
        this.data = data;
    }

    void build(int m, int efConstruction, int threads, PrintStream out, String label) throws InterruptedException {
        int n = data.size();
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(data.row(i));
        }
        docStart = new int[data.documents() + 1];
        java.util.Arrays.fill(docStart, -1);
        for (int i = n - 1; i >= 0; i--) {
            docStart[data.docOf()[i]] = i;
        }
        long before = QueryTimer.usedHeap();
        long t0 = System.nanoTime();
        // the keys belong to the index (it keeps them), so they are made inside the measured span
        List<ChunkKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int doc = data.docOf()[i];
            keys.add(new ChunkKey(documentId(doc), i - docStart[doc]));
        }
        index = new VectorIndex(new IndexOptions(data.dims(), "bench", m, efConstruction));
        int step = Math.max(1000, n / 20);
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            index.addAll(keys.subList(from, to), rows.subList(from, to), threads);
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "  %s ours: %d/%d added, %.0f adds/s, %.0f s%n", label, to, n, to / s, s);
        }
        buildSeconds = (System.nanoTime() - t0) / 1e9;
        keys = null;
        bytesPerVector = (QueryTimer.usedHeap() - before) / (double) n;
        // the input rows were there before the first measurement: keep them until after the second
        java.lang.ref.Reference.reachabilityFence(rows);
    }

    String distance() {
        return index.distanceImplementation();
    }

    static String documentId(int doc) {
        return "d" + doc;
    }

    List<IndexHit> search(float[] query, int k, int ef) {
        return index.search(query, k, ef);
    }

    /** The planner's path (the server's own {@link SearchPlanner}) for a filter that selects these documents. */
    List<IndexHit> planned(float[] query, int k, Set<String> candidates, int exactScanMaxChunks, double exactScanMaxFraction,
                           int ef) {
        return SearchPlanner.nearest(index, query, k, candidates, exactScanMaxChunks, exactScanMaxFraction, ef);
    }

    /** Empties the index's cache of selections, so that the next filtered query is a filter's first use. */
    void forgetSelections() {
        index.forgetSelections();
    }

    /** One of the planner's paths, whatever the planner would choose ({@link SearchPlanner#follow}). */
    List<IndexHit> follow(SearchPlanner.Path path, float[] query, int k, Set<String> candidates, int ef) {
        return SearchPlanner.follow(path, index, query, k, candidates, ef);
    }

    /** @return the shipped planner settings */
    static RetrievalSettings defaults() {
        return RetrievalSettings.defaults();
    }

    /** @return the documents whose bucket passes, as the storage's filter would resolve them */
    Set<String> candidates(BitSet documents) {
        Set<String> out = new HashSet<>();
        for (int d = documents.nextSetBit(0); d >= 0; d = documents.nextSetBit(d + 1)) {
            out.add(documentId(d));
        }
        return out;
    }

    int[] rows(List<IndexHit> hits) {
        int[] out = new int[hits.size()];
        for (int i = 0; i < out.length; i++) {
            ChunkKey key = hits.get(i).key();
            out[i] = docStart[Integer.parseInt(key.documentId().substring(1))] + key.chunkNumber();
        }
        return out;
    }

    void close() {
        index = null;
    }
}
