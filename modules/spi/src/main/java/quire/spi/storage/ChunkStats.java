package quire.spi.storage;

/**
 * Chunk totals, for index freshness checks.
 *
 * @param maxSequence highest sequence among the chunks stored now (0 when none)
 * @param count       chunks stored now
 */
public record ChunkStats(long maxSequence, long count) {
}
