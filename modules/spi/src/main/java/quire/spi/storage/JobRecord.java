package quire.spi.storage;

import java.time.Instant;

/**
 * An ingestion job.
 *
 * @param id          job id
 * @param documentId  the document to process
 * @param kind        what to do, e.g. {@code ingest}
 * @param state       {@code queued}, {@code running} or {@code failed}
 * @param attempts    claims so far
 * @param runAfter    not claimed before this time
 * @param workerId    who holds it while running
 * @param leaseUntil  the claim expires then
 * @param payloadJson what the worker needs (JSON object text)
 * @param lastError   the last error message or null
 * @param createdAt   enqueue time
 */
public record JobRecord(String id, String documentId, String kind, String state, int attempts, Instant runAfter,
                        String workerId, Instant leaseUntil, String payloadJson, String lastError, Instant createdAt) {
}
