package quire.plugin.embeddings.openai;

/**
 * Estimates the tokens a remote model sees, without its tokenizer (the wire protocol has no
 * tokenize call). The estimate leans high so that chunks sized with it fit the real limit:
 * <ul>
 *   <li>a run of ASCII letters and digits: one token per 4 characters, rounded up (BPE and
 *       WordPiece average 4 to 5 characters per English token);</li>
 *   <li>a run of other letters and digits (accents, Cyrillic, Greek, Arabic ...) with their
 *       combining marks: one token per 2 characters, rounded up;</li>
 *   <li>each Han, Hiragana, Katakana or Hangul character: 1.5 tokens;</li>
 *   <li>each punctuation mark or ASCII symbol: 1 token; each other symbol (emoji ...): 2;</li>
 *   <li>whitespace: nothing; special tokens of the model: not counted.</li>
 * </ul>
 */
final class TokenEstimator {
    private TokenEstimator() {
    }

    /** @return the estimated token count, 0 for blank text */
    static int count(CharSequence text) {
        double tokens = 0;
        int asciiRun = 0;
        int otherRun = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                asciiRun++;
                continue;
            }
            if (cp < 128 && Character.isWhitespace(cp)) {
                tokens += run(asciiRun, otherRun);
                asciiRun = 0;
                otherRun = 0;
                continue;
            }
            if (isCjk(cp)) {
                tokens += run(asciiRun, otherRun) + 1.5;
                asciiRun = 0;
                otherRun = 0;
                continue;
            }
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (Character.isLetterOrDigit(cp) || mark) {
                otherRun++;
                continue;
            }
            tokens += run(asciiRun, otherRun);
            asciiRun = 0;
            otherRun = 0;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                    || type == Character.FORMAT) {
                continue;
            }
            tokens += cp < 128 || isPunctuation(type) ? 1 : 2;
        }
        tokens += run(asciiRun, otherRun);
        return (int) Math.ceil(tokens);
    }

    /**
     * @return the longest prefix (whole code points) whose estimate is at most {@code maxTokens}
     */
    static String truncate(String text, int maxTokens) {
        if (count(text) <= maxTokens) {
            return text;
        }
        // the estimate grows with the prefix, so binary search over code point counts
        int low = 0;
        int high = text.codePointCount(0, text.length());
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (count(text.substring(0, text.offsetByCodePoints(0, mid))) <= maxTokens) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text.substring(0, text.offsetByCodePoints(0, low));
    }

    private static double run(int ascii, int other) {
        if (ascii == 0 && other == 0) {
            return 0;
        }
        // a mixed word ("café") is costed at the denser rate
        return other > 0 ? Math.ceil((ascii + other) / 2.0) : Math.ceil(ascii / 4.0);
    }

    private static boolean isPunctuation(int type) {
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
