package quire.spi.chunker;

import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * @param maxTokens     the most tokens in one chunk (the embedder's input limit or less)
 * @param overlapTokens tokens repeated from the end of the previous chunk
 * @param tokenCounter  counts tokens the way the embedder does
 * @param countsAddUpAcrossWhitespace whether the counter's counts add up across whitespace
 *                      (see {@code Embedder.countsAddUpAcrossWhitespace()}): a chunker may then
 *                      add up the counts of whitespace-separated pieces instead of recounting
 */
public record ChunkingOptions(int maxTokens, int overlapTokens, ToIntFunction<String> tokenCounter,
                              boolean countsAddUpAcrossWhitespace) {
    public ChunkingOptions {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1");
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new IllegalArgumentException("overlapTokens must be in [0, maxTokens)");
        }
        Objects.requireNonNull(tokenCounter, "tokenCounter");
    }

    /** Options for a counter whose counts are not known to add up: every chunk is counted whole. */
    public ChunkingOptions(int maxTokens, int overlapTokens, ToIntFunction<String> tokenCounter) {
        this(maxTokens, overlapTokens, tokenCounter, false);
    }
}
