package quire.spi.storage;

/**
 * A chunk row.
 *
 * @param documentId   owning document
 * @param chunkNumber  0-based position
 * @param content      text
 * @param metadataJson chunk metadata (JSON object text)
 * @param embedding    the vector, or null when read without it
 * @param sequence     storage sequence (monotonic insert order), 0 before insert
 */
public record ChunkRecord(String documentId, int chunkNumber, String content, String metadataJson, float[] embedding,
                          long sequence) {
    public ChunkRecord {
        metadataJson = metadataJson == null || metadataJson.isBlank() ? "{}" : metadataJson;
    }

    /** @return the chunk's key */
    public ChunkKey key() {
        return new ChunkKey(documentId, chunkNumber);
    }
}
