package quire.plugin.parser.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Section;

class OfficeParserTest {

    @TempDir
    Path dir;

    private final OfficeParser parser = new OfficeParser(OfficeLimits.DEFAULTS);

    @Test
    void docxParagraphsHeadingsAndTables() throws Exception {
        ParsedDocument doc = parser.parse(new ParseRequest(docx("Intro paragraph text."), OfficeParser.DOCX, "a.docx"));
        assertEquals(1, doc.sections().size());
        assertNull(doc.pageCount());
        assertEquals("Quarterly Report\n\nIntro paragraph text.\n\nResults\n\nName\tScore\nalpha\t42\n\nClosing words.",
            doc.fullText());
        assertEquals("Report title", doc.additionalMetadata().get("title"));
        assertEquals("Ada", doc.additionalMetadata().get("author"));
    }

    @Test
    void pptxOneSectionPerSlideWithNotes() throws Exception {
        ParsedDocument doc = parser.parse(new ParseRequest(pptx(), OfficeParser.PPTX, "deck.pptx"));
        assertEquals(3, doc.pageCount());
        List<Section> s = doc.sections();
        assertEquals(List.of(1, 3), s.stream().map(Section::pageNumber).toList(), "the blank slide 2 has no section");
        assertEquals("Welcome slide\n\nFirst bullet", s.get(0).text().replaceAll("\n\n+", "\n\n").split("\n\nSpeaker")[0]);
        assertTrue(s.get(0).text().contains("Speaker note one"), s.get(0).text());
        assertEquals("Welcome slide", s.get(0).metadata().get("slide_title"));
        assertTrue(s.get(1).text().contains("Loose text box on slide three"), s.get(1).text());
    }

    @Test
    void xlsxOneSectionPerSheetWithTabSeparatedRows() throws Exception {
        ParsedDocument doc = parser.parse(new ParseRequest(xlsx(), OfficeParser.XLSX, "book.xlsx"));
        List<Section> s = doc.sections();
        assertEquals(2, s.size(), "the empty sheet has no section");
        assertEquals(Map.of("sheet", "Data"), s.get(0).metadata());
        assertEquals("Name\tQty\tPrice\nwidget\t3\t2.5\ngadget\t\t10\ntotal\t\t12.5", s.get(0).text());
        assertEquals(Map.of("sheet", "Notes"), s.get(1).metadata());
        assertEquals("remember the milk", s.get(1).text());
    }

    @Test
    void zipBombIsRefused() throws Exception {
        Path normal = docx("bomb carrier");
        Path bomb = dir.resolve("bomb.docx");
        // 40 MB of whitespace inside document.xml compresses about a thousand to one
        rewriteEntry(normal, bomb, "word/document.xml", xml -> xml.replace("</w:body>", " ".repeat(40 << 20) + "</w:body>"));
        ParseException e = assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(bomb, OfficeParser.DOCX, null)));
        assertTrue(e.getMessage().toLowerCase().contains("zip bomb"), e.getMessage());
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedBeforeInflating() throws Exception {
        Path normal = docx("x".repeat(300_000));
        OfficeParser small = new OfficeParser(new OfficeLimits(100_000, 128L << 20, 0.01, 1000, 1_000_000));
        ParseException e = assertThrows(ParseException.class, () -> small.parse(new ParseRequest(normal, OfficeParser.DOCX, null)));
        assertTrue(e.getMessage().contains("max-uncompressed-size"), e.getMessage());
    }

    @Test
    void tooManyCharactersFails() throws Exception {
        OfficeParser small = new OfficeParser(new OfficeLimits(512L << 20, 128L << 20, 0.01, 1000, 20));
        ParseException e = assertThrows(ParseException.class, () -> small.parse(new ParseRequest(xlsx(), OfficeParser.XLSX, null)));
        assertTrue(e.getMessage().contains("max-characters"), e.getMessage());
    }

    @Test
    void randomBytesFail() throws Exception {
        byte[] bytes = new byte[10_000];
        new Random(3).nextBytes(bytes);
        Path f = write("r.docx", bytes);
        for (String type : List.of(OfficeParser.DOCX, OfficeParser.PPTX, OfficeParser.XLSX)) {
            assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(f, type, null)));
        }
    }

    @Test
    void truncatedFilesFail() throws Exception {
        byte[] full = Files.readAllBytes(xlsx());
        for (int cut : new int[] {10, full.length / 3, full.length - 30}) {
            Path f = write("cut" + cut + ".xlsx", Arrays.copyOf(full, cut));
            assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(f, OfficeParser.XLSX, null)), "cut at " + cut);
        }
    }

    @Test
    void plainZipOrWrongPartsFail() throws Exception {
        Path zip = dir.resolve("plain.docx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(zip, OfficeParser.DOCX, null)));
        // a real workbook handed over as a presentation
        Path book = xlsx();
        assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(book, OfficeParser.PPTX, null)));
    }

    @Test
    void ole2ContainerFails() throws Exception {
        byte[] ole = new byte[4096];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole, 0, magic.length);
        Path f = write("enc.docx", ole);
        assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(f, OfficeParser.DOCX, null)));
    }

    @Test
    void unsupportedTypeFails() throws Exception {
        Path f = docx("x");
        ParseException e = assertThrows(ParseException.class, () -> parser.parse(new ParseRequest(f, "application/msword", null)));
        assertTrue(e.getMessage().contains("application/msword"));
    }

    private Path docx(String body) throws IOException {
        Path f = Files.createTempFile(dir, "gen", ".docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(f)) {
            paragraph(doc, "Title", "Quarterly Report");
            paragraph(doc, null, body);
            paragraph(doc, "Heading1", "Results");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Name");
            table.getRow(0).getCell(1).setText("Score");
            table.getRow(1).getCell(0).setText("alpha");
            table.getRow(1).getCell(1).setText("42");
            paragraph(doc, null, "Closing words.");
            doc.getProperties().getCoreProperties().setTitle("Report title");
            doc.getProperties().getCoreProperties().setCreator("Ada");
            doc.write(out);
        }
        return f;
    }

    private static void paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        if (style != null) {
            p.setStyle(style);
        }
        p.createRun().setText(text);
    }

    private Path pptx() throws IOException {
        Path f = Files.createTempFile(dir, "gen", ".pptx");
        try (XMLSlideShow show = new XMLSlideShow(); OutputStream out = Files.newOutputStream(f)) {
            XSLFSlideLayout layout = show.getSlideMasters().get(0).getLayout(SlideLayout.TITLE_AND_CONTENT);
            XSLFSlide first = show.createSlide(layout);
            first.getPlaceholder(0).setText("Welcome slide");
            first.getPlaceholder(1).setText("First bullet");
            XSLFNotes notes = show.getNotesSlide(first);
            for (XSLFShape shape : notes.getShapes()) {
                if (shape instanceof XSLFTextShape text && text.getTextType() == Placeholder.BODY) {
                    text.setText("Speaker note one");
                }
            }
            show.createSlide();
            XSLFSlide third = show.createSlide();
            third.createTextBox().setText("Loose text box on slide three");
            show.write(out);
        }
        return f;
    }

    private Path xlsx() throws IOException {
        Path f = Files.createTempFile(dir, "gen", ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(f)) {
            XSSFSheet data = book.createSheet("Data");
            row(data, 0, "Name", "Qty", "Price");
            XSSFRow r1 = data.createRow(1);
            r1.createCell(0).setCellValue("widget");
            r1.createCell(1).setCellValue(3);
            r1.createCell(2).setCellValue(2.5);
            XSSFRow r2 = data.createRow(2);
            r2.createCell(0).setCellValue("gadget");
            r2.createCell(2).setCellValue(10);
            XSSFRow r4 = data.createRow(4);
            r4.createCell(0).setCellValue("total");
            r4.createCell(2).setCellFormula("SUM(C2:C3)");
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.createSheet("Empty");
            row(book.createSheet("Notes"), 0, "remember the milk");
            book.write(out);
        }
        return f;
    }

    private static void row(XSSFSheet sheet, int index, String... values) {
        XSSFRow row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static void rewriteEntry(Path from, Path to, String entryName, java.util.function.UnaryOperator<String> change) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    bytes = change.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
