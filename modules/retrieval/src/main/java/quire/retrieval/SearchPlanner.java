package quire.retrieval;

import java.util.List;
import java.util.Set;

import quire.index.IndexHit;
import quire.index.VectorIndex;

/**
 * The query planner over the vector index (public so the benchmark measures the very code the
 * server runs): an exact scan of the candidates' chunks when that is cheaper than a filtered
 * HNSW search, otherwise an HNSW walk that passes through every node but keeps only the
 * candidates' chunks ({@link VectorIndex#searchDocuments}), and an exact scan when that walk
 * still found fewer than k of them (k come back whenever k exist).
 *
 * <p>The filtered walk keeps {@link #filteredEf} = {@code max(k, ef * sqrt(f))} candidate hits,
 * with {@code f} the fraction of the index selected: it must walk about {@code 1 / f} times as
 * far as an unfiltered search to collect them, and that longer walk finds the nearest ones at
 * a smaller ef. Measured at 100k synthetic vectors (384 d, M 16, efConstruction 100; k 10):
 * unfiltered ef 100 recall 0.92, ef 200 0.98; with 10% selected, ef 24/32/48 gave recall
 * 0.93/0.96/0.99; with 1%, ef 10 gave 0.976. So the shipped ef 100 walks at 32 for 10%, at 10
 * for 1%.
 *
 * <p>The cost model: a scan reads every candidate chunk once, at the cost of one graph visit;
 * the walk costs about as much as an unfiltered search at {@code filteredEf / f}, and a search
 * costs about {@link #VISITS_PER_EF} {@code * log2(index size)} graph visits per
 * unit of ef. Measured with the index's own walk over 16-bit codes: at 100k, 5.0 us per unit of
 * ef (4.6 visits per doubling, about 60 ns a visit). The scan reads 8-bit codes first
 * ({@code VectorIndex.exactSearchDocuments}). While the candidates fit in the CPU's cache it
 * costs less than a visit: 10% of 100k synthetic vectors in 0.87 ms, where the unfiltered search
 * at ef 100 took 1.65 ms on the same machine (0.44 of a visit per candidate; the 16-bit scan it
 * replaced took 5.4 ms). The planner only weighs sets above {@code exactScanMaxChunks}, though,
 * and those do not fit: 10% of 500k took 15 ms there, 294 ns per candidate against 288 ns per
 * visit of the unfiltered search. So a candidate counts as one visit: 10% of 500k or 1M is
 * walked at ef 100 (about 30k visits against 51k or 100k) and scanned when the walk would be
 * longer.
 */
public final class SearchPlanner {
    /** Scanned vectors one unit of ef costs, per doubling of the index size (measured: 4.6). */
    static final double VISITS_PER_EF = 5.0;

    private SearchPlanner() {
    }

    /**
     * @return whether the planner scans these candidates exactly rather than searching HNSW: they
     *         are few (at most {@code exactScanMaxChunks} or {@code exactScanMaxFraction} of the
     *         index), or scanning them costs less than the filtered HNSW search would
     */
    public static boolean exactScan(int candidateChunks, int totalChunks, int k, int ef, int exactScanMaxChunks,
                                    double exactScanMaxFraction) {
        if (candidateChunks <= exactScanMaxChunks || (double) candidateChunks / totalChunks <= exactScanMaxFraction) {
            return true;
        }
        return candidateChunks <= hnswVisits(candidateChunks, totalChunks, k, ef);
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
        int candidateChunks = idx.chunkCount(candidates);
        if (candidateChunks == 0) {
            return List.of();
        }
        if (exactScan(candidateChunks, total, k, ef, exactScanMaxChunks, exactScanMaxFraction)) {
            return idx.exactSearchDocuments(vector, k, candidates);
        }
        return hnsw(idx, vector, k, candidates, candidateChunks, total, ef);
    }

    /**
     * The HNSW path whatever the candidates' size (the benchmark compares it with the scan): the
     * filtered walk at {@link #filteredEf}, then an exact scan when it found fewer than k.
     */
    public static List<IndexHit> hnsw(VectorIndex idx, float[] vector, int k, Set<String> candidates, int ef) {
        int total = idx.size();
        int candidateChunks = idx.chunkCount(candidates);
        if (total == 0 || candidateChunks == 0) {
            return List.of();
        }
        return hnsw(idx, vector, k, candidates, candidateChunks, total, ef);
    }

    /** The HNSW path once the candidates' chunks (at least one) and the index size are known. */
    private static List<IndexHit> hnsw(VectorIndex idx, float[] vector, int k, Set<String> candidates,
                                       int candidateChunks, int total, int ef) {
        List<IndexHit> hits = idx.searchDocuments(vector, k, filteredEf(candidateChunks, total, k, ef), candidates);
        if (hits.size() < Math.min(k, candidateChunks)) {
            // HNSW is approximate: never return fewer than k when k exist
            return idx.exactSearchDocuments(vector, k, candidates);
        }
        return hits;
    }
}
