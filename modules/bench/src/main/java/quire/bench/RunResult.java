package quire.bench;

/**
 * One repetition's numbers.
 *
 * @param run                 1-based repetition
 * @param documents           documents uploaded (timed)
 * @param failed              of which ended {@code failed}
 * @param chunks              chunks of the completed documents (from {@code chunk_ids})
 * @param endToEndSeconds     first upload to last settled document
 * @param p50SecondsToSettled median upload-to-completed time of one document
 * @param p95SecondsToSettled 95th percentile of the same
 * @param rawSeconds          the fresh embedder's wall time for the very same chunks
 */
record RunResult(int run, int documents, int failed, long chunks, double endToEndSeconds, double p50SecondsToSettled,
                 double p95SecondsToSettled, double rawSeconds) {

    double documentsPerSecond() {
        return (documents - failed) / endToEndSeconds;
    }

    double endToEndChunksPerSecond() {
        return chunks / endToEndSeconds;
    }

    double rawChunksPerSecond() {
        return chunks / rawSeconds;
    }

    /** @return end-to-end chunks/s divided by raw chunks/s (1.0 = the pipeline costs nothing extra) */
    double ratio() {
        return endToEndChunksPerSecond() / rawChunksPerSecond();
    }
}
