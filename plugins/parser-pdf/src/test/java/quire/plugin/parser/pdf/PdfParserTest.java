package quire.plugin.parser.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Section;

class PdfParserTest {

    @TempDir
    Path dir;

    private final PdfParser parser = new PdfParser(PdfParserFactory.DEFAULT_MAX_PAGES, PdfParserFactory.DEFAULT_TIMEOUT);

    @Test
    void oneSectionPerPageWithPageNumbers() throws Exception {
        Path pdf = pdf(null, "Alpha page one text", "Bravo page two text\nsecond line", "Charlie page three");
        ParsedDocument doc = parser.parse(new ParseRequest(pdf, "application/pdf", "x.pdf"));
        assertEquals(3, doc.pageCount());
        List<Section> s = doc.sections();
        assertEquals(3, s.size());
        assertEquals("Alpha page one text", s.get(0).text());
        assertEquals(1, s.get(0).pageNumber());
        assertEquals("Bravo page two text\nsecond line", s.get(1).text());
        assertEquals(2, s.get(1).pageNumber());
        assertEquals("Charlie page three", s.get(2).text());
        assertEquals(3, s.get(2).pageNumber());
        assertEquals("Quire test", doc.additionalMetadata().get("title"));
        assertEquals("Tester", doc.additionalMetadata().get("author"));
    }

    @Test
    void blankPagesCountButHaveNoSection() throws Exception {
        Path pdf = pdf(null, "first", "", "third");
        ParsedDocument doc = parser.parse(new ParseRequest(pdf, "application/pdf", null));
        assertEquals(3, doc.pageCount());
        assertEquals(List.of(1, 3), doc.sections().stream().map(Section::pageNumber).toList());
    }

    @Test
    void moreThanMaxPagesFails() throws Exception {
        Path pdf = pdf(null, "a", "b", "c");
        ParseException e = assertThrows(ParseException.class,
            () -> new PdfParser(2, Duration.ofMinutes(1)).parse(new ParseRequest(pdf, "application/pdf", null)));
        assertTrue(e.getMessage().contains("max-pages"), e.getMessage());
    }

    @Test
    void deadlineAlreadyPassedFailsWithTimeout() throws Exception {
        Path pdf = pdf(null, "a", "b");
        ParseException e = assertThrows(ParseException.class,
            () -> new PdfParser(10, Duration.ZERO).parse(new ParseRequest(pdf, "application/pdf", null)));
        assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    }

    @Test
    void userPasswordEncryptedPdfFailsClearly() throws Exception {
        Path pdf = pdf(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()), "secret text");
        ParseException e = assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(pdf, "application/pdf", null)));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void ownerPasswordOnlyPdfIsReadable() throws Exception {
        Path pdf = pdf(new StandardProtectionPolicy("owner-secret", "", new AccessPermission()), "open text");
        assertEquals("open text", parser.parse(new ParseRequest(pdf, "application/pdf", null)).fullText());
    }

    @Test
    void randomBytesFail() throws Exception {
        byte[] bytes = new byte[20_000];
        new Random(7).nextBytes(bytes);
        assertParseException(write("random.pdf", bytes));
    }

    @Test
    void headerThenGarbageFails() throws Exception {
        assertParseException(write("g.pdf", "%PDF-1.7\nthis is not a pdf body at all\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyFileFails() throws Exception {
        assertParseException(write("empty.pdf", new byte[0]));
    }

    @Test
    void badlyTruncatedPdfFails() throws Exception {
        byte[] full = Files.readAllBytes(pdf(null, "some text on a page", "more"));
        assertParseException(write("cut.pdf", Arrays.copyOf(full, 120)));
    }

    @Test
    void pdfTruncatedAnywhereIsReadOrFailsWithParseException() throws Exception {
        byte[] full = Files.readAllBytes(pdf(null, "one", "two", "three"));
        for (int cut = 16; cut < full.length; cut += Math.max(1, full.length / 40)) {
            Path f = write("cut" + cut + ".pdf", Arrays.copyOf(full, cut));
            try {
                parser.parse(new ParseRequest(f, "application/pdf", null));
            } catch (ParseException expected) {
                // PDFBox recovers what it can; what it cannot must be a ParseException
            }
        }
    }

    private void assertParseException(Path f) {
        assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(f, "application/pdf", null)));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    /** A real PDF, one page per text ("" makes a blank page), optionally encrypted. */
    private Path pdf(StandardProtectionPolicy protection, String... pages) throws IOException {
        Path f = Files.createTempFile(dir, "gen", ".pdf");
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                if (text.isEmpty()) {
                    continue;
                }
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.setLeading(16);
                    content.newLineAtOffset(72, 700);
                    for (String line : text.split("\n")) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle("Quire test");
            info.setAuthor("Tester");
            doc.setDocumentInformation(info);
            if (protection != null) {
                protection.setEncryptionKeyLength(128);
                doc.protect(protection);
            }
            doc.save(f.toFile());
        }
        return f;
    }
}
