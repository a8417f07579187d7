package quire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextChunksTest {

    @TempDir
    Path dir;

    @Test
    void blocksBecomeChunksWithoutTagsScriptsOrEntities() {
        String html = "<html><head><title>T</title><style>p{}</style></head><body>"
                + "<p>The <b>first</b> paragraph says enough words to be kept as a chunk &amp; more.</p>"
                + "<script>var hidden = 'never shown in a chunk at all, not ever';</script>"
                + "<p>Tiny</p></body></html>";
        List<String> chunks = TextChunks.chunks(html);
        // "Tiny" is merged into the first chunk: short blocks join their neighbour up to the target size
        assertEquals(List.of("The first paragraph says enough words to be kept as a chunk & more. Tiny"), chunks);
    }

    @Test
    void longTextIsCutNearTheTargetAtSpaces() {
        String html = "<p>" + "word ".repeat(200) + "</p>";
        List<String> chunks = TextChunks.chunks(html);
        assertTrue(chunks.size() >= 5, chunks.toString());
        for (String c : chunks) {
            assertTrue(c.length() <= TextChunks.TARGET * 3 / 2, c);
            assertFalse(c.startsWith(" ") || c.endsWith(" "));
        }
    }

    @Test
    void repeatedTextIsKeptOnceAcrossPages() throws IOException {
        String nav = "<div>Navigation bar with the same long enough text on every single page</div>";
        Files.writeString(dir.resolve("a.html"), nav + "<p>Page a has its own paragraph, long enough to keep here, and long enough not to be merged with the bar.</p>");
        Files.writeString(dir.resolve("b.html"), nav + "<p>Page b has its own paragraph, long enough to keep here, and long enough not to be merged with the bar.</p>");
        List<TextChunks.Chunk> seen = new ArrayList<>();
        TextChunks.forEach(TextChunks.pages(List.of(dir)), seen::add);
        assertEquals(3, seen.size(), seen.toString());
        assertEquals(1, seen.stream().filter(c -> c.text().startsWith("Navigation")).count());
    }
}
