package quire.index;

import java.util.List;

/**
 * The documents a filter selects, looked up in the index ({@link VectorIndex#select}): the
 * planner sizes the candidates with it and a scan reads the same documents without looking them
 * up again. Looking up thousands of documents costs about as much as scanning them, so doing it
 * once matters.
 *
 * <p>Holds the documents' chunks as they are in the index, not a copy: a chunk removed after the
 * selection was made is not scanned, and a document removed whole scans as empty. Chunks added to
 * a selected document later may be scanned; a document added later is not.
 *
 * <p>A selection of many documents is remembered by the index's {@link SelectionCache} while the
 * index is unchanged, and handed to every query that selects the same documents; once it has
 * been, a sketch scan reads it from a contiguous copy of its chunks' sketches ({@link PackedSketches}).
 */
public final class DocumentSelection {
    final List<DocumentChunks> documents;
    private final int chunkCount;
    /** the index's version when the documents were looked up */
    final long version;
    /** whether the index's cache holds this selection (so queries share it) */
    final boolean remembered;
    /** how many queries this selection served */
    private int uses;
    /** the copy of the chunks' sketches, once made; dropped when the cache forgets the selection */
    private volatile PackedSketches packed;

    DocumentSelection(List<DocumentChunks> documents, int chunkCount, long version, boolean remembered) {
        this.documents = documents;
        this.chunkCount = chunkCount;
        this.version = version;
        this.remembered = remembered;
    }

    /** @return how many chunks of the selected documents the index held when they were selected */
    public int chunkCount() {
        return chunkCount;
    }

    /** Counts one more query served. */
    synchronized void use() {
        uses++;
    }

    /**
     * @return whether the index's cache holds this selection and has handed it to two queries or
     *         more: a sketch scan of it reads (or makes) a contiguous copy of its sketches, when
     *         the copy fits the cache and the index has not changed meanwhile
     */
    public synchronized boolean repeated() {
        return remembered && uses >= 2;
    }

    PackedSketches packed() {
        return packed;
    }

    void packed(PackedSketches copy) {
        this.packed = copy;
    }
}
