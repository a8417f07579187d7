package quire.retrieval;

import java.util.List;
import java.util.Set;

import quire.index.DocumentSelection;
import quire.index.IndexHit;
import quire.index.VectorIndex;

/**
 * The query planner over the vector index (public so the benchmark measures the very code the
 * server runs). Three ways to find the k nearest of the candidates' chunks:
 * <ul>
 *   <li>an exact scan of them ({@link VectorIndex#exactSearchDocuments}), always when they are
 *       few: at most {@code exactScanMaxChunks}, or {@code exactScanMaxFraction} of the index;</li>
 *   <li>a sketch scan ({@link VectorIndex#sketchSearchDocuments}): every candidate's similarity
 *       estimated from its 1-bit sketch, the {@link #rerank} best scored exactly;</li>
 *   <li>an HNSW walk that passes through every node but keeps only the candidates' chunks
 *       ({@link VectorIndex#searchDocuments}), then an exact scan when that walk still found fewer
 *       than k of them (k come back whenever k exist).</li>
 * </ul>
 * Above the bounds for exact scans, the cheaper of the other two is taken, in units of one graph
 * visit (scoring one vector on its 16-bit codes where it lies in memory).
 *
 * <p>The filtered walk keeps {@link #filteredEf} = {@code max(k, ef * sqrt(f))} candidate hits,
 * with {@code f} the fraction of the index selected: it must walk about {@code 1 / f} times as
 * far as an unfiltered search to collect them, and that longer walk finds the nearest ones at
 * a smaller ef. Measured at 100k synthetic vectors (384 d, M 16, efConstruction 100; k 10):
 * unfiltered ef 100 recall 0.92, ef 200 0.98; with 10% selected, ef 24/32/48 gave recall
 * 0.93/0.96/0.99; with 1%, ef 10 gave 0.976. So the shipped ef 100 walks at 32 for 10%, at 10
 * for 1%. It costs about as much as an unfiltered search at {@code filteredEf / f}, and a search
 * costs about {@link #VISITS_PER_EF} {@code * log2(index size)} graph visits per unit of ef
 * (measured at 100k: 4.6 visits per doubling).
 *
 * <p>The sketch scan costs {@link #SKETCH_VISITS_PER_CHUNK} of a visit per candidate (a few
 * population counts over 56 bytes read in order) plus one visit per re-scored chunk. It re-scores
 * {@code max(k, }{@link #RERANK_PER_EF}{@code * ef)} chunks, so a larger ef buys recall on both
 * approximate paths. Measured at 500k synthetic vectors, 10% selected, one machine: the sketch
 * scan took 1.91 ms at ef 100 (50k candidates, recall 0.9998), the walk 2.96 ms (about 30k
 * modelled visits, recall 0.91), the exact scan 4.76 ms. So a sketched candidate costs about 0.39
 * of a modelled visit; it is weighed at 0.25 because its answer is nearly exact where the walk at
 * the same ef misses one neighbour in ten. An exact scan costs about one visit per candidate once
 * the candidates outgrow the CPU's cache (294 ns a candidate at 10% of 500k on another machine).
 */
public final class SearchPlanner {
    /** Scanned vectors one unit of ef costs, per doubling of the index size (measured: 4.6). */
    static final double VISITS_PER_EF = 5.0;
    /** What estimating one chunk from its sketch costs, in graph visits (measured 0.39; see above). */
    static final double SKETCH_VISITS_PER_CHUNK = 0.25;
    /** Chunks the sketch scan re-scores exactly per unit of ef. */
    static final int RERANK_PER_EF = 2;

    /** How the planner answers a query. */
    public enum Path {
        /** every candidate chunk scored exactly */
        EXACT_SCAN,
        /** every candidate estimated from its sketch, the best re-scored exactly */
        SKETCH_SCAN,
        /** the HNSW graph walked, keeping only candidates */
        HNSW
    }

    private SearchPlanner() {
    }

    /**
     * @return how the planner searches these candidates: exactly when they are few (at most
     *         {@code exactScanMaxChunks} or {@code exactScanMaxFraction} of the index), otherwise
     *         the cheaper of the sketch scan and the filtered HNSW walk
     */
    public static Path choose(int candidateChunks, int totalChunks, int k, int ef, int exactScanMaxChunks,
                              double exactScanMaxFraction) {
        if (candidateChunks <= exactScanMaxChunks || (double) candidateChunks / totalChunks <= exactScanMaxFraction) {
            return Path.EXACT_SCAN;
        }
        double sketch = sketchVisits(candidateChunks, k, ef);
        double exact = candidateChunks;
        double walk = hnswVisits(candidateChunks, totalChunks, k, ef);
        if (exact <= sketch && exact <= walk) {
            return Path.EXACT_SCAN;
        }
        return sketch <= walk ? Path.SKETCH_SCAN : Path.HNSW;
    }

    /** @return how many chunks the sketch scan re-scores exactly: max(k, RERANK_PER_EF * ef) */
    public static int rerank(int k, int ef) {
        return Math.max(k, RERANK_PER_EF * ef);
    }

    /** @return the estimated cost of a sketch scan of the candidates, in graph visits */
    static double sketchVisits(int candidateChunks, int k, int ef) {
        return candidateChunks * SKETCH_VISITS_PER_CHUNK + Math.min(candidateChunks, rerank(k, ef));
    }

    /** @return the estimated vector reads of a filtered HNSW search for k among the candidates */
    static double hnswVisits(int candidateChunks, int totalChunks, int k, int ef) {
        double log2 = Math.log(Math.max(2, totalChunks)) / Math.log(2);
        return walkLength(candidateChunks, totalChunks, k, ef) * VISITS_PER_EF * log2;
    }

    /** @return the ef of an unfiltered search that walks as far as the filtered one (at most the index) */
    static int walkLength(int candidateChunks, int totalChunks, int k, int ef) {
        double fraction = (double) candidateChunks / totalChunks;
        return (int) Math.min(totalChunks, Math.ceil(filteredEf(candidateChunks, totalChunks, k, ef) / fraction));
    }

    /** @return how many candidate hits the filtered walk keeps: max(k, ef * sqrt(selected fraction)) */
    static int filteredEf(int candidateChunks, int totalChunks, int k, int ef) {
        double fraction = Math.min(1.0, (double) candidateChunks / totalChunks);
        return (int) Math.max(k, Math.ceil(Math.max(k, ef) * Math.sqrt(fraction)));
    }

    /**
     * @param candidates the documents the scope and filters select
     * @return up to k hits among the candidates' chunks, most similar first
     */
    public static List<IndexHit> nearest(VectorIndex idx, float[] vector, int k, Set<String> candidates,
                                         int exactScanMaxChunks, double exactScanMaxFraction, int ef) {
        int total = idx.size();
        if (total == 0) {
            return List.of();
        }
        // looked up once: sizing the candidates and scanning them read the same documents
        DocumentSelection selection = idx.select(candidates);
        int candidateChunks = selection.chunkCount();
        if (candidateChunks == 0) {
            return List.of();
        }
        return switch (choose(candidateChunks, total, k, ef, exactScanMaxChunks, exactScanMaxFraction)) {
            case EXACT_SCAN -> idx.exactSearchDocuments(vector, k, selection);
            case SKETCH_SCAN -> idx.sketchSearchDocuments(vector, k, rerank(k, ef), selection);
            case HNSW -> hnsw(idx, vector, k, candidates, selection, total, ef);
        };
    }

    /**
     * One path whatever the planner would choose (the benchmark and tests compare them).
     *
     * @return up to k hits among the candidates' chunks, most similar first
     */
    public static List<IndexHit> follow(Path path, VectorIndex idx, float[] vector, int k, Set<String> candidates, int ef) {
        return switch (path) {
            case EXACT_SCAN -> idx.exactSearchDocuments(vector, k, candidates);
            case SKETCH_SCAN -> idx.sketchSearchDocuments(vector, k, rerank(k, ef), candidates);
            case HNSW -> hnsw(idx, vector, k, candidates, ef);
        };
    }

    /**
     * The HNSW path whatever the candidates' size (the benchmark compares it with the scan): the
     * filtered walk at {@link #filteredEf}, then an exact scan when it found fewer than k.
     */
    public static List<IndexHit> hnsw(VectorIndex idx, float[] vector, int k, Set<String> candidates, int ef) {
        int total = idx.size();
        DocumentSelection selection = idx.select(candidates);
        if (total == 0 || selection.chunkCount() == 0) {
            return List.of();
        }
        return hnsw(idx, vector, k, candidates, selection, total, ef);
    }

    /** The HNSW path once the candidates (at least one chunk) and the index size are known. */
    private static List<IndexHit> hnsw(VectorIndex idx, float[] vector, int k, Set<String> candidates,
                                       DocumentSelection selection, int total, int ef) {
        int candidateChunks = selection.chunkCount();
        List<IndexHit> hits = idx.searchDocuments(vector, k, filteredEf(candidateChunks, total, k, ef), candidates);
        if (hits.size() < Math.min(k, candidateChunks)) {
            // HNSW is approximate: never return fewer than k when k exist
            return idx.exactSearchDocuments(vector, k, selection);
        }
        return hits;
    }
}
