package quire.spi.storage;

/**
 * How much a scope stores (spec §1.13 {@code /usage/app-storage}).
 *
 * @param documentCount visible documents
 * @param documentBytes the sum of their raw file sizes (the {@code size} of each document's
 *                      storage info, a number or a numeric string; others count 0)
 * @param chunkBytes    the sum of the UTF-8 lengths of their chunks' text
 */
public record StorageUsage(long documentCount, long documentBytes, long chunkBytes) {
}
