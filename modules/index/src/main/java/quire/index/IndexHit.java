package quire.index;

import quire.spi.storage.ChunkKey;

/**
 * One search result.
 *
 * @param key        the chunk
 * @param similarity cosine similarity to the query, in [-1, 1] (higher is closer)
 */
public record IndexHit(ChunkKey key, float similarity) {
}
