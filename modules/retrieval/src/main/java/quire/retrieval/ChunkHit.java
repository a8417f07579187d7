package quire.retrieval;

import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;

/**
 * A retrieved chunk with its document.
 *
 * @param chunk    the chunk (text and metadata)
 * @param document its document (visible to the caller)
 * @param score    relevance in [0, 1]: {@code (1 + cosine) / 2}, or the reranker's score; 0 for padding
 * @param padding  true when added as a neighbour of a hit rather than found by the search
 */
public record ChunkHit(ChunkRecord chunk, DocumentRecord document, double score, boolean padding) {
}
