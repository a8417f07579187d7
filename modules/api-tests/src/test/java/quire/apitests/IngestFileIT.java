package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.IngestTesting.utf8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.JsonObject;

import quire.apitests.HttpFixture.Part;
import quire.spi.storage.DocumentRecord;

/** {@code POST /ingest/file} with real generated files (spec §1.4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestFileIT {
    @TempDir
    static Path dir;
    private QuireTestServer server;
    private HttpFixture http;

    @BeforeAll
    void start() {
        server = QuireTestServer.start(dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonObject upload(String filename, byte[] bytes, Part... fields) {
        List<Part> parts = new java.util.ArrayList<>();
        parts.add(Part.file("file", filename, bytes));
        parts.addAll(List.of(fields));
        HttpFixture.Response r = http.postMultipart("/ingest/file", parts);
        assertEquals(200, r.status(), r.text());
        return r.object();
    }

    @Test
    void twoPagePdfIsParsedPageByPage() {
        JsonObject stub = upload("report.pdf", IngestTesting.pdf("Alpha page talks about glaciers.",
                        "Beta page talks about volcanoes."),
                Part.field("metadata", "{\"kind\":\"report\"}"), Part.field("metadata_types", "{}"),
                Part.field("use_colpali", "true"));
        assertEquals("processing", stub.getJsonObject("system_metadata").getString("status"));
        assertEquals("report.pdf", stub.getString("filename"));
        assertEquals("report", stub.getJsonObject("metadata").getString("kind"));
        assertTrue(stub.getJsonObject("storage_info").containsKey("key"));
        DocumentRecord done = IngestTesting.completed(server, stub.getString("external_id"));
        assertEquals("application/pdf", done.contentType());
        String text = IngestTesting.chunkText(server, done.id());
        assertTrue(text.contains("glaciers") && text.contains("volcanoes"), text);
        assertTrue(done.systemMetadataJson().contains("\"page_count\":2"), done.systemMetadataJson());
    }

    @Test
    void docxHtmlAndMarkdownAreParsedByTheirBytes() {
        String docx = upload("memo.docx", IngestTesting.docx("Quarterly memo about lighthouses.", "Second paragraph."))
                .getString("external_id");
        String html = upload("page.html", utf8("<!DOCTYPE html><html><head><title>T</title></head>"
                + "<body><h1>Harbor</h1><p>Boats in the harbor.</p><script>var secret=1;</script></body></html>"))
                .getString("external_id");
        String md = upload("readme.md", utf8("# Heading\n\nSome *markdown* text about kites.\n"))
                .getString("external_id");
        DocumentRecord d = IngestTesting.completed(server, docx);
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document", d.contentType());
        assertTrue(IngestTesting.chunkText(server, docx).contains("lighthouses"));
        DocumentRecord h = IngestTesting.completed(server, html);
        assertEquals("text/html", h.contentType());
        String htmlText = IngestTesting.chunkText(server, html);
        assertTrue(htmlText.contains("Boats in the harbor"), htmlText);
        assertFalse(htmlText.contains("<p>"), htmlText);
        DocumentRecord m = IngestTesting.completed(server, md);
        assertEquals("text/markdown", m.contentType());
        assertTrue(IngestTesting.chunkText(server, md).contains("kites"));
    }

    @Test
    void aDeclaredTypeIsOnlyAHint() {
        List<Part> parts = List.of(new Part("file", "actually.txt", "text/plain",
                IngestTesting.pdf("A PDF in disguise about penguins.")));
        JsonObject stub = http.postMultipart("/ingest/file", parts).object();
        DocumentRecord done = IngestTesting.completed(server, stub.getString("external_id"));
        assertEquals("application/pdf", done.contentType());
        assertTrue(IngestTesting.chunkText(server, done.id()).contains("penguins"));
    }

    @Test
    void corruptPdfFailsWithAClearErrorAndTheServerStaysHealthy() {
        byte[] corrupt = utf8("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage \u0000\u0001 no xref\n");
        String id = upload("broken.pdf", corrupt).getString("external_id");
        DocumentRecord failed = IngestTesting.settled(server, id);
        assertEquals("failed", failed.status());
        JsonObject system = IngestTesting.json(failed.systemMetadataJson());
        assertTrue(system.getString("error").toLowerCase(java.util.Locale.ROOT).contains("pdf"), system.toString());
        assertEquals(200, http.get("/ping").status());
        assertEquals(200, http.get("/health").status());
        String after = upload("fine.md", utf8("still working after a broken upload")).getString("external_id");
        IngestTesting.completed(server, after);
    }

    @Test
    void hostileAndHugeFilenamesAreStoredVerbatimAndNeverUsedAsPaths() throws IOException {
        String longName = "n".repeat(1996) + ".txt";
        List<String> names = List.of(longName, "../../etc/passwd", "C:\\x", "..\\..\\boot.ini",
                "caf\u00e9\u202Egnp.exe", "\uFF0E\uFF0E\uFF0Fescape.txt", "quote'single.txt", "/abs/olute.txt",
                "dot.", "semi;colon=1.txt");
        for (String name : names) {
            JsonObject stub = upload(name, utf8("content of " + name.length()));
            assertEquals(name, stub.getString("filename"), "stored verbatim");
            DocumentRecord done = IngestTesting.completed(server, stub.getString("external_id"));
            assertEquals(name, done.filename());
            String key = stub.getJsonObject("storage_info").getString("key");
            assertFalse(key.contains("passwd") || key.contains("..") || key.contains("\\") || key.contains("nnnn"),
                    "blob key is server-chosen: " + key);
        }
        // httpx percent-encodes a double quote in the part header; Morphik keeps that as sent
        JsonObject quoted = upload("say \"hi\".txt", utf8("quoted"));
        assertEquals("say %22hi%22.txt", quoted.getString("filename"));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("passwd")
                    || p.getFileName().toString().startsWith("boot.ini")
                    || p.getFileName().toString().startsWith("nnnnnnnn")), "no file named by a client");
        }
    }

    @Test
    void badFormsAre4xxAndStoreNothing() {
        long before = IngestTesting.documentCount(server);
        HttpFixture.Response noFile = http.postMultipart("/ingest/file", List.of(Part.field("metadata", "{}")));
        assertEquals(422, noFile.status(), noFile.text());
        assertTrue(noFile.text().contains("\"file\""), noFile.text());

        HttpFixture.Response badJson = http.postMultipart("/ingest/file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("metadata", "{not json")));
        assertEquals(400, badJson.status(), badJson.text());
        assertTrue(badJson.detail().startsWith("Invalid JSON"), badJson.detail());

        HttpFixture.Response notObject = http.postMultipart("/ingest/file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("metadata", "[1,2]")));
        assertEquals(400, notObject.status(), notObject.text());
        assertEquals("metadata must be a JSON object", notObject.detail());

        HttpFixture.Response reserved = http.postMultipart("/ingest/file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("metadata", "{\"end_user_id\":\"x\"}")));
        assertEquals(400, reserved.status(), reserved.text());

        HttpFixture.Response coercion = http.postMultipart("/ingest/file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("metadata", "{\"when\":\"soon\"}"),
                Part.field("metadata_types", "{\"when\":\"datetime\"}")));
        assertEquals(400, coercion.status(), coercion.text());

        HttpFixture.Response twoFolders = http.postMultipart("/ingest/file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("folder_name", "/A"), Part.field("folder_name", "/B")));
        assertEquals(400, twoFolders.status(), twoFolders.text());
        HttpFixture.Response jsonList = http.postMultipart("/ingest/file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("folder_name", "[\"/A\", \"/B\"]")));
        assertEquals(400, jsonList.status(), jsonList.text());

        HttpFixture.Response notMultipart = http.postJson("/ingest/file", "{\"file\":\"x\"}");
        assertEquals(400, notMultipart.status(), notMultipart.text());

        assertEquals(before, IngestTesting.documentCount(server));
        assertTrue(IngestTesting.services(server).storage().findFolderByPath(IngestTesting.DEV, "/A").isEmpty());
    }

    @Test
    void folderAndEndUserAreRecordedOnTheStub() {
        JsonObject stub = upload("f.txt", utf8("foldered file"), Part.field("folder_name", "/Projects/Alpha"),
                Part.field("end_user_id", "user-42"), Part.field("rules", "[]"));
        assertEquals("/Projects/Alpha", stub.getString("folder_path"));
        assertEquals("Alpha", stub.getString("folder_name"));
        assertEquals("user-42", stub.getString("end_user_id"));
        IngestTesting.completed(server, stub.getString("external_id"));
    }
}
