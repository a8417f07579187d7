package quire.retrieval;

/**
 * Tunables of the query planner.
 *
 * @param exactScanMaxChunks   scan the candidates exactly when they hold at most this many chunks
 * @param exactScanMaxFraction ... or when they are at most this fraction of the index (selective filters)
 * @param ef                   HNSW search breadth (higher: better recall, slower)
 * @param maxCandidateDocuments the most documents one query may select before it is refused (400)
 * @param maxK                 the largest k accepted
 */
public record RetrievalSettings(int exactScanMaxChunks, double exactScanMaxFraction, int ef, int maxCandidateDocuments,
                                int maxK) {
    public RetrievalSettings {
        if (exactScanMaxChunks < 0 || exactScanMaxFraction < 0 || exactScanMaxFraction > 1 || ef < 1
                || maxCandidateDocuments < 1 || maxK < 1) {
            throw new IllegalArgumentException("invalid retrieval settings");
        }
    }

    /** @return the shipped defaults */
    public static RetrievalSettings defaults() {
        return new RetrievalSettings(20_000, 0.05, 100, 1_000_000, 1000);
    }
}
