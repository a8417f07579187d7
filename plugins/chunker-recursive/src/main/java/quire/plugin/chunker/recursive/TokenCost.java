package quire.plugin.chunker.recursive;

import java.util.function.ToIntFunction;

/**
 * The embedder's token counter, with its fixed per-text overhead (special tokens such as
 * {@code [CLS]}/{@code [SEP]}, or a passage prefix) measured once on the empty string. Piece costs
 * exclude the overhead, so summing pieces estimates a chunk as {@code overhead + sum}; the sum is
 * checked with one real count per chunk, unless the counts add up across whitespace and the
 * pieces are whitespace-separated (then the sum is the count).
 */
final class TokenCost {
    private final ToIntFunction<String> counter;
    private final int overhead;
    private final boolean addsUpAcrossWhitespace;

    TokenCost(ToIntFunction<String> counter, boolean addsUpAcrossWhitespace) {
        this.counter = counter;
        this.overhead = Math.max(0, counter.applyAsInt(""));
        this.addsUpAcrossWhitespace = addsUpAcrossWhitespace;
    }

    /** @return whether the count of whitespace-separated parts is overhead plus their costs */
    boolean addsUpAcrossWhitespace() {
        return addsUpAcrossWhitespace;
    }

    /** @return the counter's tokens for the whole text, overhead included */
    int count(CharSequence text, int start, int end) {
        return counter.applyAsInt(text.subSequence(start, end).toString());
    }

    /** @return tokens the range adds to a chunk, overhead excluded */
    int cost(CharSequence text, int start, int end) {
        return Math.max(0, count(text, start, end) - overhead);
    }

    int overhead() {
        return overhead;
    }
}
