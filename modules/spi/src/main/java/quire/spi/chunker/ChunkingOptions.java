package quire.spi.chunker;

import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * @param maxTokens     the most tokens in one chunk (the embedder's input limit or less)
 * @param overlapTokens tokens repeated from the end of the previous chunk
 * @param tokenCounter  counts tokens the way the embedder does
 */
public record ChunkingOptions(int maxTokens, int overlapTokens, ToIntFunction<String> tokenCounter) {
    public ChunkingOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1");
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new IllegalArgumentException("overlapTokens must be in [0, maxTokens)");
        }
        Objects.requireNonNull(tokenCounter, "tokenCounter");
    }
}
