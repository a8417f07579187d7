package quire.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import quire.index.IndexHit;
import quire.index.VectorIndex;

/**
 * The query planner over the vector index (public so the benchmark measures the very code the
 * server runs): an exact scan of the candidates' chunks when that is cheaper than a filtered
 * HNSW search, otherwise HNSW with over-fetch in proportion to the selectivity, widening until
 * enough candidate hits are found or the whole index was searched, and an exact scan when HNSW
 * still found fewer than k of the candidates' chunks (k come back whenever k exist).
 *
 * <p>The cost model: a scan reads every candidate chunk once; HNSW must collect {@code ef}
 * candidate hits, so with a fraction {@code f} of the index selected it searches with
 * {@code ef / f}, and a search costs about {@link #VISITS_PER_EF} {@code * log2(index size)}
 * scanned vectors per unit of ef. Measured at 1M vectors with float vectors: HNSW 13.6 us per
 * unit of ef against a scan of 200 ns per vector on a machine with slow memory (about 3.4 per
 * doubling), 13 us against 61 ns on one with fast memory (about 10); with the index's 16-bit
 * codes, 25.7 us against 186 ns (about 7). So a 10% filter of 1M vectors is scanned (18.6 ms,
 * recall 1.0, where HNSW at ef 1,000 took 25.7 ms for recall 0.98), and so is one of 100k; 20%
 * of 1M goes to HNSW.
 */
public final class SearchPlanner {
    /** Scanned vectors one unit of ef costs, per doubling of the index size (measured: 3.4 to 10). */
    static final double VISITS_PER_EF = 6.0;

    private SearchPlanner() {
    }

    /**
     * @return whether the planner scans these candidates exactly rather than searching HNSW: they
     *         are few (at most {@code exactScanMaxChunks} or {@code exactScanMaxFraction} of the
     *         index), or scanning them reads fewer vectors than the filtered HNSW search would
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
        return overFetch(candidateChunks, totalChunks, k, ef) * VISITS_PER_EF * log2;
    }

    /** @return how many nearest chunks HNSW fetches so that about max(k, ef) of them are candidates */
    static int overFetch(int candidateChunks, int totalChunks, int k, int ef) {
        double fraction = (double) candidateChunks / totalChunks;
        return (int) Math.min(totalChunks, Math.ceil(Math.max(k, ef) / fraction));
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
     * The HNSW path whatever the candidates' size (the benchmark compares it with the scan):
     * searches with ef raised to {@code max(k, ef) / selected fraction}, so the candidates among
     * the hits found are about as many as an unfiltered search at ef finds, and keeps the first k
     * candidates of the nearest {@code 1.5 k / fraction + 10}; widens both fourfold while fewer
     * than k are found.
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
        double fraction = (double) candidateChunks / total;
        int fetch = (int) Math.min(total, Math.ceil(k / fraction * 1.5) + 10);
        int searchEf = Math.max(fetch, overFetch(candidateChunks, total, k, ef));
        while (true) {
            List<IndexHit> hits = idx.search(vector, fetch, searchEf);
            List<IndexHit> kept = new ArrayList<>(k);
            for (IndexHit h : hits) {
                if (candidates.contains(h.key().documentId())) {
                    kept.add(h);
                    if (kept.size() == k) {
                        return kept;
                    }
                }
            }
            if (fetch >= total || kept.size() >= candidateChunks) {
                if (kept.size() < Math.min(k, candidateChunks)) {
                    // HNSW is approximate: never return fewer than k when k exist
                    return idx.exactSearchDocuments(vector, k, candidates);
                }
                return kept;
            }
            fetch = (int) Math.min(total, (long) fetch * 4);
            searchEf = (int) Math.min(total, Math.max(fetch, (long) searchEf * 4));
        }
    }
}
