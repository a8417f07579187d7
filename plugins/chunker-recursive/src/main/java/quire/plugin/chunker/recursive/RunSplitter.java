package quire.plugin.chunker.recursive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import quire.plugin.chunker.recursive.PieceSplitter.Piece;

/**
 * Packs the pieces of one run into chunks: greedily, by summed piece costs, then checked with one
 * real count per chunk (dropping the last piece, then the overlap, while the count is over the
 * limit). When the counter's counts add up across whitespace and every part of the chunk is
 * separated from the next by whitespace, the sum is the count and the check is skipped. Each
 * chunk after the first starts with whole words from the end of the previous one, up to the
 * overlap budget, but never with the previous chunk's whole text; finding them costs about two
 * counts per chunk, not one per word.
 */
final class RunSplitter {
    private final String text;
    private final int limit;
    private final int overlap;
    private final TokenCost tokens;

    RunSplitter(String text, int limit, int overlap, TokenCost tokens) {
        this.text = text;
        this.limit = limit;
        this.overlap = overlap;
        this.tokens = tokens;
    }

    /** @return the chunk texts in order; each is a substring of the run */
    List<String> chunks() {
        List<Piece> pieces = PieceSplitter.split(text, limit, tokens);
        List<String> out = new ArrayList<>();
        int overlapStart = -1;
        int overlapCost = 0;
        int i = 0;
        while (i < pieces.size()) {
            int start = overlapStart >= 0 ? overlapStart : pieces.get(i).start();
            int estimate = tokens.overhead() + overlapCost + pieces.get(i).cost();
            int j = i + 1;
            while (j < pieces.size() && estimate + pieces.get(j).cost() <= limit) {
                estimate += pieces.get(j).cost();
                j++;
            }
            int end = pieces.get(j - 1).end();
            int real = addsUp(pieces, i, j, overlapStart >= 0) ? estimate : tokens.count(text, start, end);
            while (real > limit) {
                if (j - 1 > i) {
                    j--;
                    end = pieces.get(j - 1).end();
                } else if (start != pieces.get(i).start()) {
                    start = pieces.get(i).start();
                } else {
                    break; // one piece alone: the splitter already made it fit
                }
                real = tokens.count(text, start, end);
            }
            out.add(text.substring(start, end));
            overlapStart = -1;
            overlapCost = 0;
            if (j < pieces.size() && overlap > 0) {
                int budget = Math.min(overlap, limit - tokens.overhead() - pieces.get(j).cost());
                int[] found = findOverlap(start, end, real - tokens.overhead(), budget);
                overlapStart = found[0];
                overlapCost = found[1];
            }
            i = j;
        }
        return out;
    }

    /**
     * @return whether the chunk of pieces [i, j), after the previous chunk's overlap tail when
     *         {@code withOverlap}, is counted exactly by adding up: the counter adds up across
     *         whitespace and whitespace separates every part from the next (pieces of a hard
     *         split touch, so a chunk holding two of them is counted whole)
     */
    private boolean addsUp(List<Piece> pieces, int i, int j, boolean withOverlap) {
        if (!tokens.addsUpAcrossWhitespace()) {
            return false;
        }
        for (int k = withOverlap ? i : i + 1; k < j; k++) {
            if (k == 0 || pieces.get(k - 1).end() >= pieces.get(k).start()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The longest tail of whole words of [chunkStart, end) whose tokens fit the budget, never
     * including the chunk's first word (that would repeat the whole chunk).
     *
     * <p>Counting each word on its own cost one tokenizer call per word (about 25 per chunk at the
     * default overlap, most of the chunker's time). Instead, the tail's length in characters is
     * guessed from the chunk's own characters per token, and each real count of a candidate tail
     * narrows a bracket {@code [fits, too long)} until it closes: about two counts per chunk (the
     * guess, then one word more to show it does not fit). After the second guess the search bisects
     * the bracket (or, while no tail is known to be too long, doubles its step), so a counter the
     * guesses do not suit still costs only a logarithmic number of counts.
     *
     * @param chunkCost the chunk's tokens, overhead excluded
     * @return {start, cost}; start is -1 when no word fits
     */
    private int[] findOverlap(int chunkStart, int end, int chunkCost, int budget) {
        int[] starts = tailStarts(chunkStart, end);
        if (budget <= 0 || starts.length == 0) {
            return new int[] {-1, 0};
        }
        int fits = 0; // words in the longest tail known to fit (none fit trivially)
        int fitsCost = 0;
        int tooLong = starts.length + 1; // words in the shortest tail known not to fit (or none such)
        double charsPerToken = (double) (end - chunkStart) / Math.max(1, chunkCost);
        int guess = wordsWithin(starts, end, budget * charsPerToken);
        for (int step = 0; tooLong - fits > 1; step++) {
            int k;
            if (step < 2) {
                k = guess;
            } else if (tooLong <= starts.length) {
                k = (fits + tooLong) >>> 1;
            } else {
                k = Math.max(guess, fits + (1 << Math.min(step - 1, 20))); // no upper bound yet: gallop
            }
            k = Math.max(fits + 1, Math.min(tooLong - 1, k));
            int tailStart = starts[k - 1];
            int c = tokens.cost(text, tailStart, end);
            if (c <= budget) {
                fits = k;
                fitsCost = c;
                if (c == budget) {
                    break; // the budget is used up: more words cannot fit (or only free ones)
                }
            } else {
                tooLong = k;
            }
            guess = wordsWithin(starts, end, budget * (double) (end - tailStart) / Math.max(1, c));
        }
        return fits == 0 ? new int[] {-1, 0} : new int[] {starts[fits - 1], fitsCost};
    }

    /** @return where the tails of 1, 2, 3 ... words of [chunkStart, end) start, the first word excluded */
    private int[] tailStarts(int chunkStart, int end) {
        int[] starts = new int[16];
        int n = 0;
        for (int i = end - 1; i > chunkStart; i--) {
            if (!PieceSplitter.isSpace(text.charAt(i)) && PieceSplitter.isSpace(text.charAt(i - 1))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** @return the most words whose tail, from its first character to end, is at most {@code chars} long */
    private static int wordsWithin(int[] starts, int end, double chars) {
        int k = 0;
        while (k < starts.length && end - starts[k] <= chars) {
            k++;
        }
        return k;
    }
}
