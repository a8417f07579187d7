package quire.index;

import java.util.List;

/**
 * The documents a filter selects, looked up in the index once per query
 * ({@link VectorIndex#select}): the planner sizes the candidates with it and a scan reads the same
 * documents without looking them up again. Looking up thousands of documents costs about as much
 * as scanning them, so doing it once matters.
 *
 * <p>Holds the documents' chunks as they are in the index, not a copy: a chunk removed after the
 * selection was made is not scanned, and a document removed whole scans as empty. Chunks added to
 * a selected document later may be scanned; a document added later is not. Short-lived: one query.
 */
public final class DocumentSelection {
    final List<DocumentChunks> documents;
    private final int chunkCount;

    DocumentSelection(List<DocumentChunks> documents, int chunkCount) {
        this.documents = documents;
        this.chunkCount = chunkCount;
    }

    /** @return how many chunks of the selected documents the index held when they were selected */
    public int chunkCount() {
        return chunkCount;
    }
}
