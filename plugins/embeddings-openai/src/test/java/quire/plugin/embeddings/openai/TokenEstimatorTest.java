package quire.plugin.embeddings.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The documented token estimate. */
class TokenEstimatorTest {

    @Test
    void countsFollowTheDocumentedRates() {
        assertEquals(0, TokenEstimator.count(""));
        assertEquals(0, TokenEstimator.count(" \n\t"));
        assertEquals(1, TokenEstimator.count("word"));
        assertEquals(2, TokenEstimator.count("words"));
        assertEquals(6, TokenEstimator.count("Hello, world!"), "two 5-letter words at 2 each + 2 marks");
        assertEquals(2, TokenEstimator.count("caf\u00e9"), "non-ASCII words: 2 characters a token");
        assertEquals(5, TokenEstimator.count("\u4E2D\u6587\u5B57"), "1.5 per CJK character, rounded up");
        assertEquals(2, TokenEstimator.count("\uD83D\uDE00"), "emoji");
        assertEquals(2, TokenEstimator.count("e\u0301t\u00e9"), "combining marks stay in the word");
    }

    @Test
    void estimateGrowsWithTheText() {
        String text = "The quick brown fox, \u4E2D\u6587 caf\u00e9 \uD83D\uDE00 jumps over 1234 lazy dogs.";
        int previous = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                continue;
            }
            int c = TokenEstimator.count(text.substring(0, i));
            assertTrue(c >= previous, "monotone at " + i);
            previous = c;
        }
    }

    @Test
    void truncateKeepsTheLongestFittingPrefixOfWholeCodePoints() {
        String text = "\uD83D\uDE00".repeat(50);
        String cut = TokenEstimator.truncate(text, 11);
        assertEquals("\uD83D\uDE00".repeat(5), cut);
        assertEquals("short", TokenEstimator.truncate("short", 10));
        String words = "alpha beta gamma delta epsilon";
        String w = TokenEstimator.truncate(words, 4);
        assertTrue(TokenEstimator.count(w) <= 4 && words.startsWith(w));
        assertTrue(TokenEstimator.count(words.substring(0, w.length() + 1)) > 4, "longest");
    }
}
