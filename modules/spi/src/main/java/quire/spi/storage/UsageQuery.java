package quire.spi.storage;

import java.time.Instant;

/**
 * Narrows the usage records of a scope. Null fields do not narrow.
 *
 * @param operationType only this operation type
 * @param status        only this status ({@code success} or {@code error})
 * @param since         only records at or after this instant
 * @param limit         at most this many records (newest first); ignored by aggregates; at least 1
 */
public record UsageQuery(String operationType, String status, Instant since, int limit) {
    public UsageQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    /** @return a query that does not narrow, returning at most {@code limit} records */
    public static UsageQuery all(int limit) {
        return new UsageQuery(null, null, null, limit);
    }
}
