package quire.plugin.parser.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;

/**
 * Every HTML page of the real Python 3.11 manual (Debian package {@code python3.11-doc}).
 * Fetch it with {@code modules/bench/fetch-corpora.sh} (into {@code .corpora/} at the repository
 * root, or {@code $QUIRE_CORPUS_DIR}); skipped, with a message, when absent.
 */
class PythonDocsCorpusIT {

    @Test
    void everyPageParsesToCleanText() throws Exception {
        // the default of modules/bench/fetch-corpora.sh: .corpora at the repository root (tests run in plugins/parser-text)
        String root = System.getenv().getOrDefault("QUIRE_CORPUS_DIR",
                Path.of("").toAbsolutePath().resolve("../../.corpora").normalize().toString());
        Path html = Path.of(root, "python3.11-doc", "usr", "share", "doc", "python3.11", "html");
        Assumptions.assumeTrue(Files.isDirectory(html), "python3.11-doc not unpacked under " + root
            + " (set QUIRE_CORPUS_DIR; see class javadoc): skipping the real-HTML corpus");
        List<Path> pages;
        try (Stream<Path> files = Files.walk(html)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertTrue(pages.size() > 100, "expected hundreds of pages, found " + pages.size());
        TextParser parser = new TextParser(TextParserFactory.DEFAULT_MAX_CHARACTERS);
        int withTitle = 0;
        for (Path page : pages) {
            ParsedDocument doc = parser.parse(new ParseRequest(page, "text/html", null));
            String text = doc.fullText();
            // the Sphinx sidebar and related-links bar are role="navigation": search box and "Show Source" live there
            assertFalse(text.contains("Quick search") || text.contains("Show Source") || text.startsWith("Navigation"),
                () -> "navigation leaked in " + page);
            if (doc.additionalMetadata().containsKey("title")) {
                withTitle++;
            }
        }
        assertTrue(withTitle > pages.size() * 9 / 10, "most pages have a title: " + withTitle + "/" + pages.size());
        String tutorial = parser.parse(new ParseRequest(html.resolve("tutorial/controlflow.html"), "text/html", null)).fullText();
        assertTrue(tutorial.contains("More Control Flow Tools"), "heading kept");
        assertTrue(tutorial.contains("for w in words:"), "code example kept");
    }
}
