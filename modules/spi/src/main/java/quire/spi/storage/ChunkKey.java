package quire.spi.storage;

/** Identifies a chunk: its document and its number. */
public record ChunkKey(String documentId, int chunkNumber) {
}
