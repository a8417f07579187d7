package quire.ingest;

import java.time.Duration;

/**
 * Tunables of the ingestion queue.
 *
 * @param workers         concurrent jobs in this process
 * @param maxAttempts     claims of one job before it fails for good
 * @param retryBackoff    first retry delay; doubles per attempt, capped at 5 minutes
 * @param lease           how long a claim holds without a heartbeat (a dead worker's job is reclaimed after it)
 * @param pollInterval    how often idle workers look for jobs queued by other processes
 * @param embedBatchSize  chunks per embedder call
 * @param parseTimeout    per-document parse time limit
 */
public record IngestSettings(int workers, int maxAttempts, Duration retryBackoff, Duration lease, Duration pollInterval,
                             int embedBatchSize, Duration parseTimeout) {
    public IngestSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (embedBatchSize < 1) {
            throw new IllegalArgumentException("embedBatchSize must be >= 1");
        }
    }

    /** @return the shipped defaults */
    public static IngestSettings defaults() {
        return new IngestSettings(2, 5, Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMillis(500),
                32, Duration.ofMinutes(2));
    }

    /** @return the delay before retry number {@code attempt} (1-based) */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 16);
        Duration d = retryBackoff.multipliedBy(factor);
        Duration cap = Duration.ofMinutes(5);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
