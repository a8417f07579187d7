package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import quire.api.http.QuireServices;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;

/** Shared helpers of the ingest and update tests: real files, waiting for documents, reading storage. */
final class IngestTesting {
    /** The dev-mode caller. */
    static final AccessScope DEV = new AccessScope("dev_user", null);
    /** Generous: the deterministic embedder is fast; this only bounds a hung test. */
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private IngestTesting() {
    }

    static QuireServices services(QuireTestServer server) {
        return server.server().services().orElseThrow();
    }

    /** Waits until the document is no longer processing and returns it. */
    static DocumentRecord settled(QuireTestServer server, String id) {
        DocumentRecord d = services(server).ingestion().awaitSettled(DEV, id, SETTLE).orElseThrow(
                () -> new AssertionError("document " + id + " is not visible"));
        assertNotEquals("processing", d.status(), "document " + id + " still processing");
        return d;
    }

    /** Waits and checks the document completed. */
    static DocumentRecord completed(QuireTestServer server, String id) {
        DocumentRecord d = settled(server, id);
        assertEquals("completed", d.status(), () -> "document " + id + ": " + d.systemMetadataJson());
        return d;
    }

    static List<ChunkRecord> chunks(QuireTestServer server, String id) {
        return services(server).storage().chunksOf(id);
    }

    static String chunkText(QuireTestServer server, String id) {
        StringBuilder b = new StringBuilder();
        chunks(server, id).forEach(c -> b.append(c.content()).append('\n'));
        return b.toString();
    }

    static long documentCount(QuireTestServer server) {
        return services(server).storage().listDocuments(DEV, quire.spi.storage.DocumentQuery.all(10_000)).size();
    }

    static JsonObject json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    /** A real PDF with one line of text on each page. */
    static byte[] pdf(String... pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    s.newLineAtOffset(72, 700);
                    s.showText(text);
                    s.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real DOCX with one paragraph per argument. */
    static byte[] docx(String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
