package quire.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentTypeSnifferTest {

    @TempDir
    Path dir;

    @Test
    void pdfByMagicEvenWhenNamedTxt() throws IOException {
        Path f = write("report.txt", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n");
        assertEquals(ContentTypeSniffer.PDF, ContentTypeSniffer.sniff(f, "report.txt"));
    }

    @Test
    void pdfHeaderAfterJunkWithinFirstKilobyte() throws IOException {
        Path f = write("x", "garbage line\n%PDF-1.4\n");
        assertEquals(ContentTypeSniffer.PDF, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void htmlNamedPdfIsHtml() throws IOException {
        Path f = write("fake.pdf", "\uFEFF  \n<!DOCTYPE html>\n<html><body><p>hi</p></body></html>");
        assertEquals(ContentTypeSniffer.HTML, ContentTypeSniffer.sniff(f, "fake.pdf"));
    }

    @Test
    void htmlAfterLeadingComment() throws IOException {
        Path f = write("page", "<!-- generated --><HTML><head><title>t</title></head></HTML>");
        assertEquals(ContentTypeSniffer.HTML, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void xhtmlWithXmlDeclarationIsHtml() throws IOException {
        Path f = write("page.xhtml", "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>");
        assertEquals(ContentTypeSniffer.HTML, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void xmlDeclaration() throws IOException {
        Path f = write("data.bin", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog><book id=\"1\"/></catalog>");
        assertEquals(ContentTypeSniffer.XML, ContentTypeSniffer.sniff(f, "data.bin"));
    }

    @Test
    void xmlWithoutDeclarationNeedsTheExtension() throws IOException {
        Path f = write("a.xml", "<catalog><book/></catalog>");
        assertEquals(ContentTypeSniffer.XML, ContentTypeSniffer.sniff(f, "a.xml"));
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(f, "a.txt"));
    }

    @Test
    void jsonObjectAndArray() throws IOException {
        assertEquals(ContentTypeSniffer.JSON, ContentTypeSniffer.sniff(write("a", " {\"a\": [1, 2.5e3, true, null], \"b\": \"x\\\"y\"}"), null));
        assertEquals(ContentTypeSniffer.JSON, ContentTypeSniffer.sniff(write("b", "[{\"k\": -1}]"), "b.txt"));
    }

    @Test
    void jsonCutByThePrefixLimitIsStillJson() throws IOException {
        StringBuilder sb = new StringBuilder("[");
        while (sb.length() < ContentTypeSniffer.PREFIX_BYTES * 2) {
            sb.append("{\"name\": \"value with words\", \"n\": 12345},");
        }
        assertEquals(ContentTypeSniffer.JSON, ContentTypeSniffer.sniff(write("big.json", sb.toString()), null));
    }

    @Test
    void markdownStartingWithBracketIsNotJson() throws IOException {
        Path f = write("readme.md", "[Quire](https://example.org) is a server.\n\n# Usage\n");
        assertEquals(ContentTypeSniffer.MARKDOWN, ContentTypeSniffer.sniff(f, "readme.md"));
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void extensionBreaksTiesAmongTextTypesOnly() throws IOException {
        Path csv = write("t.csv", "a,b,c\n1,2,3\n");
        assertEquals(ContentTypeSniffer.CSV, ContentTypeSniffer.sniff(csv, "T.CSV"));
        assertEquals(ContentTypeSniffer.TSV, ContentTypeSniffer.sniff(csv, "t.tsv"));
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(csv, "t.docx"));
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(csv, null));
    }

    @Test
    void htmlFragmentNeedsHtmlExtension() throws IOException {
        Path f = write("frag", "<p>Hello <b>world</b></p>");
        assertEquals(ContentTypeSniffer.HTML, ContentTypeSniffer.sniff(f, "dir/frag.html"));
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void legacyEightBitTextIsTextNotBinary() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u2013 \u20ac5".getBytes(Charset.forName("windows-1252")));
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void utf16WithBomIsText() throws IOException {
        Path f = dir.resolve("u16.txt");
        byte[] body = "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        Files.write(f, all);
        assertEquals(ContentTypeSniffer.HTML, ContentTypeSniffer.sniff(f, null));
    }

    @Test
    void randomBytesAreBinaryWhateverTheName() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        bytes[0] = 'A';
        Path f = dir.resolve("notes.txt");
        Files.write(f, bytes);
        assertEquals(ContentTypeSniffer.BINARY, ContentTypeSniffer.sniff(f, "notes.txt"));
    }

    @Test
    void nulByteMakesBinary() throws IOException {
        Path f = dir.resolve("n");
        Files.write(f, new byte[] {'a', 'b', 0, 'c'});
        assertEquals(ContentTypeSniffer.BINARY, ContentTypeSniffer.sniff(f, "n.md"));
    }

    @Test
    void imagesByMagic() throws IOException {
        assertEquals(ContentTypeSniffer.PNG, sniffBytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0));
        assertEquals(ContentTypeSniffer.JPEG, sniffBytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10));
        assertEquals(ContentTypeSniffer.GIF, sniffBytes('G', 'I', 'F', '8', '9', 'a', 1, 0));
        assertEquals(ContentTypeSniffer.OLE2, sniffBytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0));
    }

    @Test
    void emptyFileIsText() throws IOException {
        assertEquals(ContentTypeSniffer.TEXT, ContentTypeSniffer.sniff(write("e", ""), null));
    }

    @Test
    void ooxmlByPartNamesNotByExtension() throws IOException {
        assertEquals(ContentTypeSniffer.DOCX, ContentTypeSniffer.sniff(zip("a.pdf", "[Content_Types].xml", "_rels/.rels", "word/document.xml"), "a.pdf"));
        assertEquals(ContentTypeSniffer.PPTX, ContentTypeSniffer.sniff(zip("b.docx", "[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml"), "b.docx"));
        assertEquals(ContentTypeSniffer.XLSX, ContentTypeSniffer.sniff(zip("c", "[Content_Types].xml", "xl/workbook.xml"), null));
    }

    @Test
    void plainZipAndZipWithoutContentTypes() throws IOException {
        assertEquals(ContentTypeSniffer.ZIP, ContentTypeSniffer.sniff(zip("d.docx", "word/document.xml"), "d.docx"));
        assertEquals(ContentTypeSniffer.ZIP, ContentTypeSniffer.sniff(zip("e.zip", "readme.txt"), null));
    }

    @Test
    void truncatedZipIsStillZip() throws IOException {
        Path full = zip("t.docx", "[Content_Types].xml", "word/document.xml");
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.docx");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(ContentTypeSniffer.ZIP, ContentTypeSniffer.sniff(cut, "cut.docx"));
    }

    private String sniffBytes(int... values) throws IOException {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        Path f = Files.createTempFile(dir, "img", ".txt");
        Files.write(f, bytes);
        return ContentTypeSniffer.sniff(f, "picture.txt");
    }

    private Path write(String name, String text) throws IOException {
        Path f = Files.createTempFile(dir, "s", name.replace('/', '_'));
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private Path zip(String name, String... entries) throws IOException {
        Path f = Files.createTempFile(dir, "z", name);
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(("<x>" + entry + "</x>").repeat(50).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return f;
    }
}
