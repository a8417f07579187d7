package quire.ingest;

import java.util.List;

import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;

/** Told about documents whose chunks changed (e.g. to keep a vector index in step). */
public interface IngestListener {

    /** Called after the document and its chunks are durable. */
    default void documentCompleted(DocumentRecord document, List<ChunkRecord> chunks) {
    }

    /** Called after a document was deleted or its chunks are about to be replaced. */
    default void documentRemoved(String documentId) {
    }
}
