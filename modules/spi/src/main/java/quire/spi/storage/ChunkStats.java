package quire.spi.storage;

/**
 * @param maxSequence highest chunk sequence ever assigned (0 when none)
 * @param count       chunks stored now
 */
public record ChunkStats(long maxSequence, long count) {
}
