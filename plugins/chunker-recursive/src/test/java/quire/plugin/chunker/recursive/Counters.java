package quire.plugin.chunker.recursive;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/** Token counters shaped like real embedders' ones, plus a meter of how much text was counted. */
final class Counters {
    private Counters() {
    }

    /** One token per whitespace-separated word. */
    static int words(String s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean space = Character.isWhitespace(s.charAt(i)) || Character.isSpaceChar(s.charAt(i));
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }

    /** The common rough estimate: a token per four characters. */
    static int quarterChars(String s) {
        return (s.length() + 3) / 4;
    }

    /** WordPiece-like: [CLS] and [SEP], then a token per three code points of every word. */
    static int wordPieceLike(String s) {
        int n = 2;
        for (String w : s.split("[\\s\\u00a0\\u3000]+")) {
            if (!w.isEmpty()) {
                n += (w.codePointCount(0, w.length()) + 2) / 3;
            }
        }
        return n;
    }

    /** Wraps a counter and adds up the characters it was asked to count. */
    static ToIntFunction<String> metered(ToIntFunction<String> counter, AtomicLong chars) {
        return s -> {
            chars.addAndGet(s.length());
            return counter.applyAsInt(s);
        };
    }

    /** Wraps a counter and counts how often it is called. */
    static ToIntFunction<String> calls(ToIntFunction<String> counter, AtomicLong calls) {
        return s -> {
            calls.incrementAndGet();
            return counter.applyAsInt(s);
        };
    }
}
