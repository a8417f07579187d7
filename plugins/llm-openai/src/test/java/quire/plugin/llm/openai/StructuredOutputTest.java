package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** Recovering JSON from what models send. */
class StructuredOutputTest {
    private final ChatWire wire = new ChatWire();
    private final Predicate<String> isJson = wire::isJson;

    @Test
    void acceptsPlainAndFencedJson() {
        assertEquals("{\"a\":1}", StructuredOutput.extract("  {\"a\":1}\n", isJson));
        assertEquals("{\"a\":1}", StructuredOutput.extract("```json\n{\"a\":1}\n```", isJson));
        assertEquals("{\"a\":1}", StructuredOutput.extract("```\r\n{\"a\":1}\r\n```\n", isJson));
        assertEquals("[true]", StructuredOutput.extract("```JSON\n[true]```", isJson));
        assertEquals("\"just a string\"", StructuredOutput.extract("\"just a string\"", isJson));
    }

    @Test
    void dropsAThinkBlockAndProseAroundAnObject() {
        assertEquals("{\"a\":1}", StructuredOutput.extract("<think>\nhmm {not json}\n</think>\n{\"a\":1}", isJson));
        assertEquals("{\"a\":{\"b\":2}}", StructuredOutput.extract("Here you go: {\"a\":{\"b\":2}} Hope it helps.", isJson));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertNull(StructuredOutput.extract("", isJson));
        assertNull(StructuredOutput.extract("The revenue was 12.", isJson));
        assertNull(StructuredOutput.extract("{\"a\": 1", isJson));
        assertNull(StructuredOutput.extract("{\"a\":1} {\"b\":2}", isJson), "two values are not one answer");
        assertFalse(wire.isJson("{} trailing"));
        assertTrue(wire.isJson("12"));
    }
}
