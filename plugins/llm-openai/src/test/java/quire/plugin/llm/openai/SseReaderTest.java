package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The SSE framing rules the provider relies on. */
class SseReaderTest {

    @Test
    void readsEventsUnderEveryLineEnding() throws IOException {
        assertEquals(List.of("a", "b", "c", "d"), read("data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\n", 1 << 20));
    }

    @Test
    void joinsMultiLineDataAndSkipsCommentsAndOtherFields() throws IOException {
        assertEquals(List.of("{\"x\":\n1}", "two"),
                read("\uFEFF: hello\nevent: e\ndata: {\"x\":\ndata:1}\nid: 3\n\n\n\n:ping\ndata:two\n\n", 1 << 20));
    }

    @Test
    void aFieldWithoutColonIsAnEmptyDataLineAndOnlyOneSpaceIsStripped() throws IOException {
        assertEquals(List.of("", "  x"), read("data\n\ndata:   x\n\n", 1 << 20));
    }

    @Test
    void aLastEventWithoutItsBlankLineStillCounts() throws IOException {
        assertEquals(List.of("first", "last"), read("data: first\n\ndata: last", 1 << 20));
        assertEquals(List.of(), read(": only a comment\n", 1 << 20));
    }

    @Test
    void countsEveryLineAsASignOfLife() throws IOException {
        AtomicInteger lines = new AtomicInteger();
        SseReader reader = new SseReader(stream(": a\n\n: b\r\ndata: x\n\n"), 1 << 20, lines::incrementAndGet);
        assertEquals("x", reader.next());
        assertEquals(5, lines.get());
    }

    @Test
    void refusesAnEndlessLine() {
        assertThrows(SseReader.MalformedStream.class, () -> read("data: " + "x".repeat(100), 64));
        assertThrows(SseReader.MalformedStream.class, () -> read("data: xxxxxxxx\n".repeat(20), 64));
    }

    private static List<String> read(String text, int max) throws IOException {
        SseReader reader = new SseReader(stream(text), max, () -> { });
        List<String> events = new ArrayList<>();
        String data;
        while ((data = reader.next()) != null) {
            events.add(data);
        }
        return events;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
