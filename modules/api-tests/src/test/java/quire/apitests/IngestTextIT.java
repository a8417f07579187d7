package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.IngestTesting.DEV;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;

/** {@code POST /ingest/text} over real HTTP (spec §1.4, §3.3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestTextIT {
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

    @Test
    void textCompletesWithinTheWaitWithChunksAndServerKeys() {
        HttpFixture.Response r = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "Quire stores sea otters. Otters hold hands while sleeping.")
                .add("metadata", Json.createObjectBuilder().add("topic", "otters"))
                .add("use_colpali", true)
                .add("metadata_types", Json.createObjectBuilder())
                .build());
        assertEquals(200, r.status(), r.text());
        JsonObject doc = r.object();
        String id = doc.getString("external_id");
        assertEquals("completed", doc.getJsonObject("system_metadata").getString("status"), r.text());
        assertEquals("text/plain", doc.getString("content_type"));
        assertTrue(doc.getString("filename").matches("document_text_[0-9a-f]{32}\\.txt"), doc.getString("filename"));
        assertEquals("otters", doc.getJsonObject("metadata").getString("topic"));
        assertEquals(id, doc.getJsonObject("metadata").getString("external_id"));
        assertEquals("string", doc.getJsonObject("metadata_types").getString("topic"));
        assertFalse(doc.getJsonArray("chunk_ids").isEmpty());
        assertTrue(doc.getJsonObject("system_metadata").getString("content").contains("hold hands"));
        assertEquals(doc.getJsonArray("chunk_ids").size(), IngestTesting.chunks(server, id).size());
        assertTrue(IngestTesting.chunkText(server, id).contains("Otters hold hands"));
    }

    @Test
    void htmlContentGetsAnHtmlNameAndAMissingExtensionIsAppended() {
        JsonObject html = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "<!DOCTYPE html><html><body><p>Hello page</p></body></html>").build()).object();
        assertTrue(html.getString("filename").matches("document_text_[0-9a-f]{32}\\.html"), html.toString());
        assertEquals("text/html", html.getString("content_type"));
        DocumentRecord done = IngestTesting.completed(server, html.getString("external_id"));
        assertTrue(IngestTesting.chunkText(server, done.id()).contains("Hello page"));
        assertFalse(IngestTesting.chunkText(server, done.id()).contains("<p>"), "parsed as HTML, not raw text");

        JsonObject named = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "plain words").add("filename", "notes").build()).object();
        assertEquals("notes.txt", named.getString("filename"));
        JsonObject kept = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "plain words").add("filename", "notes.md").build()).object();
        assertEquals("notes.md", kept.getString("filename"));
    }

    @Test
    void emptyOrMissingContentIs422() {
        for (String body : List.of("{\"content\":\"\"}", "{\"content\":\"  \\n\\t \"}", "{}", "{\"content\":5}")) {
            HttpFixture.Response r = http.postJson("/ingest/text", body);
            assertEquals(422, r.status(), body + " -> " + r.text());
            JsonObject error = r.object().getJsonArray("detail").getJsonObject(0);
            assertEquals(List.of("body", "content"), error.getJsonArray("loc").getValuesAs(
                    (jakarta.json.JsonString s) -> s.getString()));
        }
        assertEquals(422, http.postJson("/ingest/text", "{\"content\": ").status());
        assertEquals(422, http.postJson("/ingest/text", "[1]").status());
        assertEquals(422, http.postJson("/ingest/text", "{\"content\":\"x\",\"metadata\":[1]}").status());
    }

    @Test
    void reservedKeysAre400AndStoreNothing() {
        long before = IngestTesting.documentCount(server);
        List<String> bodies = List.of(
                "{\"content\":\"x\",\"metadata\":{\"external_id\":\"mine\"}}",
                "{\"content\":\"x\",\"metadata\":{\"folder_name\":\"/A\"}}",
                "{\"content\":\"x\",\"metadata\":{\"folder_path\":\"/A\"}}",
                "{\"content\":\"x\",\"metadata_types\":{\"owner_id\":\"string\"}}",
                "{\"content\":\"x\",\"app_id\":\"other-app\"}",
                "{\"content\":\"x\",\"external_id\":\"chosen\"}");
        for (String body : bodies) {
            HttpFixture.Response r = http.postJson("/ingest/text", body);
            assertEquals(400, r.status(), body + " -> " + r.text());
            assertTrue(r.detail().contains("managed by"), r.detail());
        }
        assertEquals(before, IngestTesting.documentCount(server));
    }

    @Test
    void typedMetadataIsCoercedAndACoercionFailureIs400() {
        JsonObject doc = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "typed metadata document")
                .add("metadata", Json.createObjectBuilder()
                        .add("price", "12.50").add("count", "7").add("flag", "yes")
                        .add("due", "2025-03-01").add("seen", "2025-03-01T10:00:00Z").add("note", "hi")
                        .addNull("gone"))
                .add("metadata_types", Json.createObjectBuilder()
                        .add("price", "decimal").add("count", "int").add("flag", "bool").add("due", "date"))
                .build()).object();
        JsonObject m = doc.getJsonObject("metadata");
        JsonObject t = doc.getJsonObject("metadata_types");
        assertEquals("12.50", m.getString("price"));
        assertEquals(7, m.getJsonNumber("count").intValue());
        assertEquals(true, m.getBoolean("flag"));
        assertEquals("2025-03-01", m.getString("due"));
        assertEquals("decimal", t.getString("price"));
        assertEquals("number", t.getString("count"));
        assertEquals("boolean", t.getString("flag"));
        assertEquals("date", t.getString("due"));
        assertEquals("datetime", t.getString("seen"));
        assertEquals("string", t.getString("note"));
        assertEquals("null", t.getString("gone"));

        long before = IngestTesting.documentCount(server);
        HttpFixture.Response bad = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "x")
                .add("metadata", Json.createObjectBuilder().add("count", "seven"))
                .add("metadata_types", Json.createObjectBuilder().add("count", "number")).build());
        assertEquals(400, bad.status(), bad.text());
        assertTrue(bad.detail().contains("count"), bad.detail());
        HttpFixture.Response unknownType = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "x")
                .add("metadata", Json.createObjectBuilder().add("a", 1))
                .add("metadata_types", Json.createObjectBuilder().add("a", "quaternion")).build());
        assertEquals(400, unknownType.status(), unknownType.text());
        assertEquals(before, IngestTesting.documentCount(server));
    }

    @Test
    void folderNameCreatesTheNestedChainAndRecordsMembership() {
        JsonObject doc = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "in a folder").add("folder_name", "/Company/Reports/2025")
                .add("end_user_id", "eu-7").add("rules", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "metadata_extraction")))
                .build()).object();
        assertEquals("2025", doc.getString("folder_name"));
        assertEquals("/Company/Reports/2025", doc.getString("folder_path"));
        assertEquals("/Company/Reports/2025", doc.getJsonObject("metadata").getString("folder_name"));
        assertEquals("eu-7", doc.getString("end_user_id"));
        var storage = IngestTesting.services(server).storage();
        FolderRecord leaf = storage.findFolderByPath(DEV, "/Company/Reports/2025").orElseThrow();
        FolderRecord middle = storage.findFolderByPath(DEV, "/Company/Reports").orElseThrow();
        assertTrue(storage.findFolderByPath(DEV, "/Company").isPresent());
        assertEquals(middle.id(), leaf.parentId());
        assertEquals(leaf.id(), doc.getString("folder_id"));

        JsonObject bare = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "bare name").add("folder_name", "Inbox").build()).object();
        assertEquals("/Inbox", bare.getString("folder_path"));

        HttpFixture.Response bad = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "x").add("folder_name", "/A/../B").build());
        assertEquals(400, bad.status(), bad.text());
    }
}
