package quire.plugin.chunker.recursive;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into pieces that each fit a chunk, trying the coarsest separator first:
 * blank lines, then line breaks, then sentence ends, then whitespace, and finally (for a single
 * word longer than a chunk) a hard cut between characters. Pieces are trimmed, never empty, in
 * text order, and together hold every non-whitespace character.
 *
 * <p>Each character is counted once per level it passes through (at most five times), and a
 * hard cut counts each piece a bounded number of times, so the work is linear in the text.
 */
final class PieceSplitter {

    /** A trimmed range of the text and its token cost (overhead excluded). */
    record Piece(int start, int end, int cost) {
    }

    private enum Level { PARAGRAPH, LINE, SENTENCE, WORD }

    private final String text;
    private final int limit;
    private final TokenCost tokens;
    private final List<Piece> pieces = new ArrayList<>();

    private PieceSplitter(String text, int limit, TokenCost tokens) {
        this.text = text;
        this.limit = limit;
        this.tokens = tokens;
    }

    /**
     * @param limit most tokens of one piece, counted alone (overhead included)
     * @return the pieces of the text
     */
    static List<Piece> split(String text, int limit, TokenCost tokens) {
        PieceSplitter s = new PieceSplitter(text, limit, tokens);
        s.split(0, text.length(), Level.PARAGRAPH);
        return s.pieces;
    }

    private void split(int start, int end, Level level) {
        for (int[] part : parts(start, end, level)) {
            int count = tokens.count(text, part[0], part[1]);
            if (count <= limit) {
                pieces.add(new Piece(part[0], part[1], Math.max(0, count - tokens.overhead())));
            } else if (level != Level.WORD) {
                split(part[0], part[1], Level.values()[level.ordinal() + 1]);
            } else {
                hardSplit(part[0], part[1], count);
            }
        }
    }

    /** @return trimmed, non-empty ranges of [start, end) between the separators of the level */
    private List<int[]> parts(int start, int end, Level level) {
        List<int[]> out = new ArrayList<>();
        int partStart = start;
        int i = start;
        while (i < end) {
            int sepEnd = separatorEnd(i, start, end, level);
            if (sepEnd >= 0) {
                addTrimmed(out, partStart, i);
                partStart = sepEnd;
                // a separator may be empty (after a CJK full stop): still move on
                i = Math.max(sepEnd, i + 1);
            } else {
                i++;
            }
        }
        addTrimmed(out, partStart, end);
        return out;
    }

    /** @return the end of a separator starting at i, or -1 when none starts there */
    private int separatorEnd(int i, int start, int end, Level level) {
        char c = text.charAt(i);
        switch (level) {
            case PARAGRAPH, LINE -> {
                if (c != '\n') {
                    return -1;
                }
                int j = i + 1;
                int newlines = 1;
                while (j < end && isSpace(text.charAt(j))) {
                    if (text.charAt(j) == '\n') {
                        newlines++;
                    }
                    j++;
                }
                return level == Level.LINE || newlines >= 2 ? j : -1;
            }
            case SENTENCE -> {
                if (i == start) {
                    return -1;
                }
                char before = text.charAt(i - 1);
                if (before == '\u3002' || before == '\uff01' || before == '\uff1f') {
                    // CJK sentence ends need no following space; the mark stays with its sentence
                    return skipSpaces(i, end);
                }
                if ((before == '.' || before == '!' || before == '?' || before == '\u2026') && isSpace(c)) {
                    return skipSpaces(i, end);
                }
                return -1;
            }
            case WORD -> {
                return isSpace(c) ? skipSpaces(i, end) : -1;
            }
            default -> throw new IllegalStateException(level.toString());
        }
    }

    private int skipSpaces(int i, int end) {
        while (i < end && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private void addTrimmed(List<int[]> out, int start, int end) {
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            out.add(new int[] {start, end});
        }
    }

    /**
     * Cuts a range with no usable separator. The first guess comes from the range's own
     * characters-per-token ratio; a piece over the limit shrinks in proportion and is recounted.
     */
    private void hardSplit(int start, int end, int count) {
        double charsPerToken = (double) (end - start) / Math.max(1, count);
        int budget = Math.max(1, limit - tokens.overhead());
        int guess = Math.max(1, (int) (budget * charsPerToken));
        int pos = start;
        while (pos < end) {
            int cut = boundary(pos, Math.min(end, pos + guess), end);
            int c = tokens.count(text, pos, cut);
            while (c > limit && cut > nextBoundary(pos, end)) {
                int len = cut - pos;
                int shorter = Math.max(1, Math.min(len - 1, (int) ((long) len * limit / c)));
                cut = boundary(pos, pos + shorter, end);
                c = tokens.count(text, pos, cut);
            }
            // c may still exceed the limit only for a single character the counter rates above it
            pieces.add(new Piece(pos, cut, Math.max(0, c - tokens.overhead())));
            guess = Math.max(1, cut - pos);
            pos = cut;
        }
    }

    /** @return a cut at or before {@code want} that splits no character, or the first such cut after pos */
    private int boundary(int pos, int want, int end) {
        int cut = want;
        while (cut > pos && cut < end && !isCharacterBoundary(cut)) {
            cut--;
        }
        return cut > pos ? cut : nextBoundary(pos, end);
    }

    private int nextBoundary(int pos, int end) {
        int cut = pos + 1;
        while (cut < end && !isCharacterBoundary(cut)) {
            cut++;
        }
        return cut;
    }

    /** A cut at i keeps surrogate pairs, combining marks, variation selectors and joiners whole. */
    private boolean isCharacterBoundary(int i) {
        char c = text.charAt(i);
        char before = text.charAt(i - 1);
        if (Character.isLowSurrogate(c) && Character.isHighSurrogate(before)) {
            return false;
        }
        if (before == '\u200d') {
            return false;
        }
        int type = Character.getType(text.codePointAt(i));
        return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && type != Character.COMBINING_SPACING_MARK && c != '\u200d'
                && !(c >= '\ufe00' && c <= '\ufe0f');
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
