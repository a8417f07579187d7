package quire.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

    @Test
    void quotesTheSentencesThatShareTheMostWordsWithTheQuestion() {
        var chunks = List.of(
                PromptBuilderTest.hit("birds.txt", 0, "Herons are wading birds. Grey herons nest in tall trees near water. "
                        + "They eat fish.", "{}"),
                PromptBuilderTest.hit("tax.txt", 0, "Tax returns are due in April. Late filing costs a fee.", "{}"));
        String answer = ExtractiveAnswerer.answer("Where do grey herons nest?", chunks);
        assertTrue(answer.startsWith("> Herons are wading birds."), answer);
        assertTrue(answer.contains("> Grey herons nest in tall trees near water."), answer);
        assertFalse(answer.contains("April"), "no sentence sharing no word: " + answer);
        assertFalse(answer.contains("fish"), "no sentence sharing no word: " + answer);
    }

    @Test
    void withoutAnySharedWordItQuotesTheBestChunksFirstSentence() {
        var chunks = List.of(PromptBuilderTest.hit("a.txt", 0, "Completely unrelated words. More of them.", "{}"));
        assertEquals("> Completely unrelated words.", ExtractiveAnswerer.answer("zebra?", chunks));
    }

    @Test
    void saysSoWhenNothingWasFound() {
        assertEquals("No relevant passages were found in your documents for this question.",
                ExtractiveAnswerer.answer("anything", List.of()));
    }
}
