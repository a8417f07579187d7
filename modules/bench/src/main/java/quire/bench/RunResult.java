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
 * @param endToEndCpuSeconds  CPU time of the whole process (server, embedder, client) end to end
 * @param rawCpuSeconds       CPU time of the process while the fresh embedder worked
 */
record RunResult(int run, int documents, int failed, long chunks, double endToEndSeconds, double p50SecondsToSettled,
                 double p95SecondsToSettled, double rawSeconds, double endToEndCpuSeconds, double rawCpuSeconds) {

    double documentsPerSecond() {
        return (documents - failed) / endToEndSeconds;
    }

    double endToEndChunksPerSecond() {
        return chunks / endToEndSeconds;
    }

    double rawChunksPerSecond() {
        return chunks / rawSeconds;
    }

    double endToEndCpuMillisPerChunk() {
        return endToEndCpuSeconds * 1000 / chunks;
    }

    double rawCpuMillisPerChunk() {
        return rawCpuSeconds * 1000 / chunks;
    }

    /**
     * @return raw CPU per chunk divided by end-to-end CPU per chunk: the same ratio measured in CPU
     * time, which a busy machine disturbs far less than wall time
     */
    double cpuRatio() {
        return rawCpuMillisPerChunk() / endToEndCpuMillisPerChunk();
    }

    /** @return end-to-end chunks/s divided by raw chunks/s (1.0 = the pipeline costs nothing extra) */
    double ratio() {
        return endToEndChunksPerSecond() / rawChunksPerSecond();
    }
}
