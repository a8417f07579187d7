package quire.plugin.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;

class TextParserTest {

    @TempDir
    Path dir;

    private final TextParser parser = new TextParser(TextParserFactory.DEFAULT_MAX_CHARACTERS);

    @Test
    void plainUtf8KeepsTextAndNormalisesLineEnds() throws Exception {
        ParsedDocument doc = parse("text/plain", bytes("Grüße, 世界!\r\nsecond line\rthird"));
        assertEquals("Grüße, 世界!\nsecond line\nthird", doc.fullText());
        assertEquals(1, doc.sections().size());
        assertEquals(null, doc.pageCount());
        assertEquals("UTF-8", doc.additionalMetadata().get("charset"));
    }

    @Test
    void utf8BomIsNotPartOfTheText() throws Exception {
        byte[] body = bytes("hello");
        byte[] all = new byte[body.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(body, 0, all, 3, body.length);
        assertEquals("hello", parse("text/plain", all).fullText());
    }

    @Test
    void utf16BigEndianByBom() throws Exception {
        byte[] body = "Ünïcödé".getBytes(StandardCharsets.UTF_16BE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFE;
        all[1] = (byte) 0xFF;
        System.arraycopy(body, 0, all, 2, body.length);
        ParsedDocument doc = parse("text/plain", all);
        assertEquals("Ünïcödé", doc.fullText());
        assertEquals("UTF-16BE", doc.additionalMetadata().get("charset"));
    }

    @Test
    void invalidUtf8FallsBackToWindows1252() throws Exception {
        byte[] latin = "Café crème – €5".getBytes(Charset.forName("windows-1252"));
        ParsedDocument doc = parse("text/plain", latin);
        assertEquals("Café crème – €5", doc.fullText());
        assertEquals("windows-1252", doc.additionalMetadata().get("charset"));
    }

    @Test
    void markdownIsKeptWithItsTitle() throws Exception {
        String md = "<!-- note -->\n# Quire Guide\n\nSome *emphasis* and a [link](http://x).\n\n## Install\n\n```\nrun it\n```\n";
        ParsedDocument doc = parse("text/markdown", bytes(md));
        assertEquals("Quire Guide", doc.additionalMetadata().get("title"));
        assertEquals(md, doc.fullText());
    }

    @Test
    void csvJsonAndXmlAreKeptVerbatim() throws Exception {
        String csv = "name,age\n\"Smith, J\",42\n";
        String json = "{\"a\": [1, 2], \"b\": \"text\"}";
        String xml = "<?xml version=\"1.0\"?>\n<doc><p>Hello</p></doc>";
        assertEquals(csv, parse("text/csv", bytes(csv)).fullText());
        assertEquals(json, parse("application/json", bytes(json)).fullText());
        assertEquals(xml, parse("application/xml; charset=utf-8", bytes(xml)).fullText());
        assertEquals(xml, parse("text/xml", bytes(xml)).fullText());
    }

    @Test
    void htmlDropsBoilerplateAndKeepsStructure() throws Exception {
        String html = """
            <!DOCTYPE html><html><head><title> The  Title </title>
            <style>body { color: red }</style><script>var secret = "script text";</script></head>
            <body>
              <nav><a href="/">Home</a> | <a href="/about">About menu</a></nav>
              <div role="navigation">Sidebar links</div>
              <h1>Main   heading</h1>
              <p>First <b>bold</b>
                 paragraph.</p>
              <p>Second&nbsp;paragraph.</p>
              <ul><li>one</li><li>two</li></ul>
              <table><tr><th>Key</th><th>Value</th></tr><tr><td>alpha</td><td>1</td></tr></table>
              <pre>code   line 1
              indented</pre>
              <footer>Copyright footer</footer>
              <noscript>enable js</noscript>
            </body></html>""";
        ParsedDocument doc = parse("text/html", bytes(html));
        String text = doc.fullText();
        assertEquals("The Title", doc.additionalMetadata().get("title"));
        for (String gone : new String[] {"color: red", "script text", "Home", "About menu", "Sidebar links",
            "Copyright footer", "enable js", "The Title"}) {
            assertFalse(text.contains(gone), () -> "should be dropped: " + gone + " in\n" + text);
        }
        assertTrue(text.startsWith("Main heading\n\nFirst bold paragraph.\n\nSecond paragraph.\n\n"), text);
        assertTrue(text.contains("- one\n- two"), text);
        assertTrue(text.contains("Key\tValue\nalpha\t1"), text);
        assertTrue(text.contains("code   line 1\n  indented"), text);
    }

    @Test
    void htmlDeclaredCharsetIsUsedWhenBytesAreNotUtf8() throws Exception {
        String html = "<html><head><meta charset=\"shift_jis\"><title>t</title></head><body><p>日本語のテキスト</p></body></html>";
        ParsedDocument doc = parse("text/html", html.getBytes(Charset.forName("Shift_JIS")));
        assertEquals("日本語のテキスト", doc.fullText());
        assertEquals("Shift_JIS", doc.additionalMetadata().get("charset"));
    }

    @Test
    void htmlDeclaringLatin1ButWrittenInUtf8IsReadAsUtf8() throws Exception {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>naïve café</body></html>";
        assertEquals("naïve café", parse("text/html", bytes(html)).fullText());
    }

    @Test
    void blankDocumentHasNoSections() throws Exception {
        assertTrue(parse("text/plain", bytes(" \n\t\n")).sections().isEmpty());
        assertTrue(parse("text/html", bytes("<html><script>x</script></html>")).sections().isEmpty());
    }

    @Test
    void overTheCharacterLimitFailsTheDocument() throws IOException {
        TextParser small = new TextParser(100);
        Path f = file(bytes("x".repeat(101)));
        ParseException e = assertThrows(ParseException.class, () -> small.parse(new ParseRequest(f, "text/plain", "a.txt")));
        assertTrue(e.getMessage().contains("100 characters"), e.getMessage());
        Path huge = file(bytes("y".repeat(1000)));
        assertThrows(ParseException.class, () -> small.parse(new ParseRequest(huge, "text/plain", "b.txt")));
    }

    @Test
    void atTheCharacterLimitParses() throws Exception {
        TextParser small = new TextParser(100);
        Path f = file(bytes("z".repeat(100)));
        assertEquals(100, small.parse(new ParseRequest(f, "text/plain", null)).fullText().length());
    }

    @Test
    void unsupportedTypeIsAParseException() throws IOException {
        Path f = file(bytes("%PDF-1.4"));
        ParseException e = assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(f, "application/pdf", "x.pdf")));
        assertTrue(e.getMessage().contains("application/pdf"));
    }

    @Test
    void deeplyNestedHtmlDoesNotTakeTheWorkerDown() throws Exception {
        String html = "<div>".repeat(200_000) + "deep" + "</div>".repeat(200_000);
        ParsedDocument doc = parse("text/html", bytes(html));
        assertEquals("deep", doc.fullText());
    }

    @Test
    void markdownTitleOnlyFromAnAtxHeadingNearTheTop() {
        assertEquals("T", TextParser.markdownTitle("intro\n# T\n"));
        assertEquals(null, TextParser.markdownTitle("#NoSpace\ntext"));
        assertEquals(null, TextParser.markdownTitle("\n".repeat(100) + "# Late"));
    }

    private ParsedDocument parse(String type, byte[] bytes) throws Exception {
        return parser.parse(new ParseRequest(file(bytes), type, null));
    }

    private Path file(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "doc", ".bin");
        Files.write(f, bytes);
        return f;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
