package quire.plugin.chunker.recursive;

import java.util.ArrayList;
import java.util.List;

import quire.plugin.chunker.recursive.PieceSplitter.Piece;

/**
 * Packs the pieces of one run into chunks: greedily, by summed piece costs, then checked with one
 * real count per chunk (dropping the last piece, then the overlap, while the count is over the
 * limit). Each chunk after the first starts with whole words from the end of the previous one,
 * up to the overlap budget, but never with the previous chunk's whole text.
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
            int real = tokens.count(text, start, end);
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
                int[] found = findOverlap(start, end, budget);
                overlapStart = found[0];
                overlapCost = found[1];
            }
            i = j;
        }
        return out;
    }

    /**
     * Walks back over whole words of [chunkStart, end) while their summed cost fits the budget.
     *
     * @return {start, cost}; start is -1 when no word fits
     */
    private int[] findOverlap(int chunkStart, int end, int budget) {
        int foundStart = -1;
        int foundCost = 0;
        int pos = end;
        int acc = 0;
        while (budget > 0) {
            int wordEnd = pos;
            while (wordEnd > chunkStart && PieceSplitter.isSpace(text.charAt(wordEnd - 1))) {
                wordEnd--;
            }
            int wordStart = wordEnd;
            while (wordStart > chunkStart && !PieceSplitter.isSpace(text.charAt(wordStart - 1))) {
                wordStart--;
            }
            if (wordStart <= chunkStart || wordStart == wordEnd) {
                break; // the overlap would be the whole previous chunk
            }
            int c = tokens.cost(text, wordStart, wordEnd);
            if (acc + c > budget) {
                break;
            }
            acc += c;
            foundStart = wordStart;
            foundCost = acc;
            pos = wordStart;
        }
        return new int[] {foundStart, foundCost};
    }
}
