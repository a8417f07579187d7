package quire.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import quire.index.IndexHit;
import quire.index.VectorIndex;

/**
 * The query planner over the vector index (public so the benchmark measures the very code the
 * server runs): an exact scan of the candidates' chunks when they are few (cheap and exact),
 * otherwise HNSW with over-fetch in proportion to the selectivity, widening until enough
 * candidate hits are found or the whole index was searched, and an exact scan when HNSW still
 * found fewer than k of the candidates' chunks (k come back whenever k exist).
 */
public final class SearchPlanner {
    private SearchPlanner() {
    }

    /** @return whether the planner scans these candidates exactly rather than searching HNSW */
    public static boolean exactScan(int candidateChunks, int totalChunks, int exactScanMaxChunks, double exactScanMaxFraction) {
        return candidateChunks <= exactScanMaxChunks || (double) candidateChunks / totalChunks <= exactScanMaxFraction;
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
        if (exactScan(candidateChunks, total, exactScanMaxChunks, exactScanMaxFraction)) {
            return idx.exactSearchDocuments(vector, k, candidates);
        }
        double fraction = (double) candidateChunks / total;
        int want = Math.min(total, (int) Math.ceil(k / fraction * 1.5) + 10);
        while (true) {
            List<IndexHit> hits = idx.search(vector, want, Math.max(ef, want));
            List<IndexHit> kept = new ArrayList<>(k);
            for (IndexHit h : hits) {
                if (candidates.contains(h.key().documentId())) {
                    kept.add(h);
                    if (kept.size() == k) {
                        return kept;
                    }
                }
            }
            if (want >= total || kept.size() >= candidateChunks) {
                if (kept.size() < Math.min(k, candidateChunks)) {
                    // HNSW is approximate: never return fewer than k when k exist
                    return idx.exactSearchDocuments(vector, k, candidates);
                }
                return kept;
            }
            want = (int) Math.min(total, (long) want * 4);
        }
    }
}
