package quire.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;

/**
 * Read-modify-write of a document row as a compare-and-set on {@code updated_at}: a change made
 * meanwhile (by a client or a worker) is re-read and the change applied on top of it, never
 * overwritten with what was read before.
 */
final class DocumentRows {
    private DocumentRows() {
    }

    /**
     * @param firstRead the row already read for the first attempt, or null to read it here
     * @param change    makes the new row from the current one (may run once per attempt)
     * @param attempts  how many re-reads before giving up
     * @return the row written, or empty when the document is not visible
     * @throws ConcurrentModificationException when it changed on every attempt
     */
    static Optional<DocumentRecord> update(StorageBackend storage, AccessScope scope, String documentId,
                                           DocumentRecord firstRead, UnaryOperator<DocumentRecord> change, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            DocumentRecord current = attempt == 0 && firstRead != null ? firstRead
                    : storage.findDocument(scope, documentId).orElse(null);
            if (current == null) {
                return Optional.empty();
            }
            DocumentRecord updated = change.apply(current);
            if (storage.updateDocumentIfUnchanged(scope, updated, current.updatedAt())) {
                return Optional.of(updated);
            }
        }
        throw new ConcurrentModificationException("Document " + documentId + " kept changing; try again");
    }

    /**
     * @return the time to write as {@code updated_at}: now, but strictly later than what was read,
     *         so the next compare-and-set sees the change even within one clock tick
     */
    static Instant nextUpdatedAt(DocumentRecord current, Clock clock) {
        Instant now = clock.instant();
        return now.isAfter(current.updatedAt()) ? now : current.updatedAt().plusNanos(1000);
    }
}
