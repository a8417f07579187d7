package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.ingest.IngestionService;
import quire.spi.storage.DocumentRecord;

/** Single-document routes, batch and filename search over real HTTP in dev mode. */
class DocumentRoutesIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture http;
    static TestingDocuments docs;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir);
        http = server.http();
        docs = new TestingDocuments(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Set<String> ids(JsonArray documents) {
        Set<String> out = new HashSet<>();
        documents.forEach(d -> out.add(d.asJsonObject().getString("external_id")));
        return out;
    }

    // ---- GET /documents/{id}

    @Test
    void getReturnsTheFullDocument() {
        DocumentRecord d = docs.text(TestingDocuments.DEV, "get.txt", "The quick brown fox jumps over the lazy dog.");
        HttpFixture.Response r = http.get("/documents/" + d.id());
        assertEquals(200, r.status(), r.text());
        JsonObject doc = r.object();
        assertEquals(d.id(), doc.getString("external_id"));
        assertEquals("text/plain", doc.getString("content_type"));
        assertEquals("get.txt", doc.getString("filename"));
        assertEquals("completed", doc.getJsonObject("system_metadata").getString("status"));
        assertEquals("The quick brown fox jumps over the lazy dog.",
                doc.getJsonObject("system_metadata").getString("content"));
        assertEquals(d.id(), doc.getJsonObject("metadata").getString("external_id"));
        assertFalse(doc.getJsonArray("chunk_ids").isEmpty());
        assertTrue(doc.containsKey("storage_info"));
    }

    @Test
    void getUnknownIs404() {
        HttpFixture.Response r = http.get("/documents/00000000-0000-0000-0000-000000000000");
        assertEquals(404, r.status());
        assertEquals("Document not found", r.detail());
    }

    // ---- status

    @Test
    void statusPayloadHasMorphiksFields() {
        DocumentRecord d = docs.text(TestingDocuments.DEV, "status.txt", "status text");
        HttpFixture.Response r = http.get("/documents/" + d.id() + "/status");
        assertEquals(200, r.status(), r.text());
        JsonObject s = r.object();
        assertEquals(d.id(), s.getString("document_id"));
        assertEquals("completed", s.getString("status"));
        assertEquals("status.txt", s.getString("filename"));
        assertTrue(s.containsKey("created_at") && s.containsKey("updated_at"));
        assertFalse(s.containsKey("progress"));
        assertFalse(s.containsKey("error"));
        assertEquals(404, http.get("/documents/nope/status").status());
        assertEquals("Document not found", http.get("/documents/nope/status").detail());
    }

    // ---- DELETE

    @Test
    void deleteRemovesRowChunksAndFile() throws Exception {
        DocumentRecord d = docs.text(TestingDocuments.DEV, "delete.txt", "to be deleted " + "word ".repeat(50));
        var services = docs.services();
        assertFalse(services.storage().chunksOf(d.id()).isEmpty(), "chunks stored before the delete");
        assertTrue(services.blobs().stat(IngestionService.SOURCE_BUCKET, d.id() + "/source").isPresent());

        HttpFixture.Response r = http.delete("/documents/" + d.id());
        assertEquals(200, r.status(), r.text());
        assertEquals(Json.createObjectBuilder().add("status", "success")
                .add("message", "Document " + d.id() + " deleted successfully").build(), r.object());

        assertEquals(404, http.get("/documents/" + d.id()).status());
        assertTrue(services.storage().chunksOf(d.id()).isEmpty(), "chunks gone");
        assertTrue(services.storage().jobsOfDocument(d.id()).isEmpty(), "jobs gone");
        assertTrue(services.blobs().stat(IngestionService.SOURCE_BUCKET, d.id() + "/source").isEmpty(), "file gone");

        HttpFixture.Response again = http.delete("/documents/" + d.id());
        assertEquals(404, again.status());
        assertEquals("Document not found or delete failed", again.detail());
    }

    // ---- by filename

    @Test
    void byFilenameDecodesTheSdksQuotingAndNarrowsByFolder() {
        String name = "Q1 report/ümlaut & 100%.txt";
        DocumentRecord inA = docs.create(TestingDocuments.DEV, "/byname/a", null, name, null,
                "in a".getBytes(StandardCharsets.UTF_8), true, "{}");
        DocumentRecord inB = docs.create(TestingDocuments.DEV, "/byname/b", null, name, null,
                "in b".getBytes(StandardCharsets.UTF_8), true, "{}");

        HttpFixture.Response newest = http.get("/documents/filename/" + HttpFixture.enc(name));
        assertEquals(200, newest.status(), newest.text());
        assertEquals(inB.id(), newest.object().getString("external_id"), "most recently updated wins");

        HttpFixture.Response a = http.get(HttpFixture.query("/documents/filename/" + HttpFixture.enc(name),
                Map.of("folder_name", "/byname/a")));
        assertEquals(200, a.status(), a.text());
        assertEquals(inA.id(), a.object().getString("external_id"));

        HttpFixture.Response both = http.get(HttpFixture.query("/documents/filename/" + HttpFixture.enc(name),
                Map.of("folder_name", List.of("/byname", "/nowhere"), "folder_depth", -1)));
        assertEquals(inB.id(), both.object().getString("external_id"));
    }

    @Test
    void byFilenameMissingIs404AndBadDepthIs422() {
        HttpFixture.Response r = http.get("/documents/filename/" + HttpFixture.enc("no such file.txt"));
        assertEquals(404, r.status());
        assertEquals("Document with filename 'no such file.txt' not found", r.detail());

        HttpFixture.Response bad = http.get("/documents/filename/x.txt?folder_depth=deep");
        assertEquals(422, bad.status(), bad.text());
        assertEquals("[\"query\",\"folder_depth\"]",
                bad.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").toString());

        assertEquals(400, http.get("/documents/filename/x.txt?folder_depth=-2").status());
    }

    // ---- POST /batch/documents

    @Test
    void batchReturnsVisibleDocumentsOnly() {
        DocumentRecord one = docs.text(TestingDocuments.DEV, "batch-1.txt", "one");
        DocumentRecord two = docs.create(TestingDocuments.DEV, "/batch", "eve", "batch-2.txt", null,
                "two".getBytes(StandardCharsets.UTF_8), true, "{}");
        DocumentRecord foreign = docs.createDirect(new quire.spi.storage.AccessScope("someone-else", null), "f.txt",
                "theirs".getBytes(StandardCharsets.UTF_8));

        // SDK 1.x: {document_ids, folder_name?}
        JsonObject body = Json.createObjectBuilder().add("document_ids",
                Json.createArrayBuilder().add(one.id()).add(two.id()).add(foreign.id()).add("missing")).build();
        HttpFixture.Response r = http.postJson("/batch/documents", body);
        assertEquals(200, r.status(), r.text());
        assertEquals(Set.of(one.id(), two.id()), ids(r.array()));
        assertTrue(r.array().getJsonObject(0).getJsonObject("system_metadata").containsKey("content"));

        HttpFixture.Response inFolder = http.postJson("/batch/documents", Json.createObjectBuilder(body)
                .add("folder_name", "/batch").build());
        assertEquals(Set.of(two.id()), ids(inFolder.array()));

        HttpFixture.Response unfoldered = http.postJson("/batch/documents", Json.createObjectBuilder(body)
                .add("folder_name", Json.createArrayBuilder().add("null")).build());
        assertEquals(Set.of(one.id()), ids(unfoldered.array()));

        HttpFixture.Response otherUser = http.postJson("/batch/documents", Json.createObjectBuilder(body)
                .add("end_user_id", "mallory").build());
        assertEquals(0, otherUser.array().size());

        // older clients: a bare list of ids
        HttpFixture.Response bare = http.postJson("/batch/documents",
                Json.createArrayBuilder().add(one.id()).add(foreign.id()).build());
        assertEquals(200, bare.status(), bare.text());
        assertEquals(Set.of(one.id()), ids(bare.array()));

        assertEquals("[]", http.postJson("/batch/documents", "{\"document_ids\": []}").text());
    }

    @Test
    void batchBadBodiesAre422() {
        HttpFixture.Response notList = http.postJson("/batch/documents", "{\"document_ids\": \"abc\"}");
        assertEquals(422, notList.status(), notList.text());
        assertEquals("list_type", notList.object().getJsonArray("detail").getJsonObject(0).getString("type"));

        HttpFixture.Response missing = http.postJson("/batch/documents", "{}");
        assertEquals(422, missing.status());
        assertEquals("missing", missing.object().getJsonArray("detail").getJsonObject(0).getString("type"));

        HttpFixture.Response badItem = http.postJson("/batch/documents", "{\"document_ids\": [\"a\", 3]}");
        assertEquals(422, badItem.status());
        assertEquals("[\"body\",\"document_ids\",1]",
                badItem.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").toString());

        assertEquals(422, http.postJson("/batch/documents", "\"id\"").status());
        assertEquals(422, http.postJson("/batch/documents", "{\"document_ids\": [").status());
        assertEquals(400, http.postJson("/batch/documents", "{\"document_ids\": [\"a\"], \"folder_name\": \"/\"}").status());
    }

    // ---- POST /search/documents

    @Test
    void searchFindsByFilenameRankedAndScoped() {
        String tag = "zebra" + System.nanoTime();
        DocumentRecord contains = docs.text(TestingDocuments.DEV, "notes-" + tag + ".md", "a");
        // direct: /ingest/text would add ".txt" to a name without extension (Morphik HEAD does)
        DocumentRecord exact = docs.createDirect(TestingDocuments.DEV, tag, "b".getBytes(StandardCharsets.UTF_8));
        DocumentRecord prefix = docs.text(TestingDocuments.DEV, tag.toUpperCase() + " plan.txt", "c");
        DocumentRecord inFolder = docs.create(TestingDocuments.DEV, "/search", null, "x_" + tag + ".txt", null,
                "d".getBytes(StandardCharsets.UTF_8), true, "{}");
        docs.createDirect(new quire.spi.storage.AccessScope("someone-else", null), tag + ".txt",
                "theirs".getBytes(StandardCharsets.UTF_8));

        HttpFixture.Response r = http.postJson("/search/documents", Json.createObjectBuilder().add("query", tag)
                .add("limit", 10).build());
        assertEquals(200, r.status(), r.text());
        JsonArray found = r.array();
        assertEquals(Set.of(contains.id(), exact.id(), prefix.id(), inFolder.id()), ids(found));
        assertEquals(exact.id(), found.getJsonObject(0).getString("external_id"), "exact name first");
        assertEquals(prefix.id(), found.getJsonObject(1).getString("external_id"), "then prefix (case-insensitive)");

        HttpFixture.Response limited = http.postJson("/search/documents", "{\"query\": \"" + tag + "\", \"limit\": 1}");
        assertEquals(1, limited.array().size());

        HttpFixture.Response folder = http.postJson("/search/documents", Json.createObjectBuilder().add("query", tag)
                .add("folder_name", "/search").add("limit", 10).build());
        assertEquals(Set.of(inFolder.id()), ids(folder.array()));

        // several words: every word must appear in the name (full-text style)
        HttpFixture.Response words = http.postJson("/search/documents", Json.createObjectBuilder()
                .add("query", "plan " + tag).build());
        assertEquals(Set.of(prefix.id()), ids(words.array()));

        HttpFixture.Response byFilter = http.postJson("/search/documents", Json.createObjectBuilder().add("query", tag)
                .add("filters", Json.createObjectBuilder().add("filename", tag)).build());
        assertEquals(Set.of(exact.id()), ids(byFilter.array()));

        assertEquals("[]", http.postJson("/search/documents", "{\"query\": \"no-match-anywhere-" + tag + "\"}").text());
    }

    @Test
    void searchBadInputs() {
        HttpFixture.Response missing = http.postJson("/search/documents", "{}");
        assertEquals(422, missing.status());
        assertEquals("[\"body\",\"query\"]",
                missing.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").toString());
        assertEquals(422, http.postJson("/search/documents", "{\"query\": \"\"}").status());
        assertEquals(422, http.postJson("/search/documents", "{\"query\": \"a\", \"limit\": 0}").status());
        assertEquals(422, http.postJson("/search/documents", "{\"query\": \"a\", \"limit\": 101}").status());
        assertEquals(422, http.postJson("/search/documents", "{\"query\": \"a\", \"filters\": \"x\"}").status());
        HttpFixture.Response filter = http.postJson("/search/documents",
                "{\"query\": \"a\", \"filters\": {\"author\": {\"$foo\": \"x\"}}}");
        assertEquals(400, filter.status(), filter.text());
        assertEquals("Unsupported metadata filter operator '$foo' for field 'author'.", filter.detail());
    }

    // ---- routing

    @Test
    void unknownMethodIs405AndDocumentsPathsDoNotCollide() {
        HttpFixture.Response put = http.putJson("/documents/list_docs", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(405, put.status());
        assertTrue(put.headers().firstValue("Allow").orElseThrow().contains("POST"));
        // like FastAPI: DELETE /documents/list_docs is a delete of a document with that id
        assertEquals("Document not found or delete failed", http.delete("/documents/list_docs").detail());
        HttpFixture.Response status = http.get("/documents/filename/status");
        assertEquals(404, status.status());
        assertEquals("Document with filename 'status' not found", status.detail());
        JsonValue v = http.get("/documents/missing/download_url").json();
        assertEquals("Document not found", v.asJsonObject().getString("detail"));
    }
}
