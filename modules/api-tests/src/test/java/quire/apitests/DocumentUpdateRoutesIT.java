package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.IngestTesting.utf8;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import quire.apitests.HttpFixture.Part;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;

/** {@code update_text}, {@code update_file} and {@code update_metadata} (spec §1.7, HEAD semantics). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentUpdateRoutesIT {
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

    private String ingest(String content, JsonObject metadata) {
        JsonObject doc = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", content).add("metadata", metadata).add("folder_name", "/Upd").build()).object();
        String id = doc.getString("external_id");
        IngestTesting.completed(server, id);
        return id;
    }

    private static String longText(String word, int sentences) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            b.append("Sentence ").append(i).append(" talks about ").append(word).append(" at length. ");
            if (i % 10 == 9) {
                b.append("\n\n");
            }
        }
        return b.toString();
    }

    @Test
    void updateTextReplacesTheContentAndMergesMetadata() {
        String id = ingest(longText("giraffes", 120), Json.createObjectBuilder().add("a", 1).add("keep", "yes").build());
        int before = IngestTesting.chunks(server, id).size();
        assertTrue(before > 1, "the original is several chunks: " + before);

        HttpFixture.Response r = http.postJson(HttpFixture.query("/documents/" + id + "/update_text",
                java.util.Map.of("update_strategy", "add")), Json.createObjectBuilder()
                .add("content", "Only zebras now.").add("filename", "renamed")
                .add("metadata", Json.createObjectBuilder().add("a", 2).add("b", "new"))
                .add("metadata_types", JsonValue.NULL).add("use_colpali", true)
                .add("rules", Json.createArrayBuilder()).build());
        assertEquals(200, r.status(), r.text());
        DocumentRecord done = IngestTesting.completed(server, id);
        List<ChunkRecord> chunks = IngestTesting.chunks(server, id);
        assertEquals(1, chunks.size(), "replaced, not appended");
        assertEquals("Only zebras now.", chunks.getFirst().content());
        assertEquals(done.chunkIds().size(), chunks.size());
        assertFalse(IngestTesting.chunkText(server, id).contains("giraffes"));
        assertEquals("renamed.txt", done.filename());
        JsonObject metadata = IngestTesting.json(done.metadataJson());
        assertEquals(2, metadata.getInt("a"));
        assertEquals("new", metadata.getString("b"));
        assertEquals("yes", metadata.getString("keep"));
        assertEquals(id, metadata.getString("external_id"));
        assertEquals("/Upd", metadata.getString("folder_name"));
        assertEquals("/Upd", done.folderPath());
        assertTrue(IngestTesting.json(done.metadataTypesJson()).containsKey("b"));
        assertTrue(IngestTesting.json(done.systemMetadataJson()).getString("content").contains("zebras"));
    }

    @Test
    void updateFileReplacesTheSourceWithAnotherFormat() {
        String id = ingest("plain text about owls", JsonValue.EMPTY_JSON_OBJECT);
        HttpFixture.Response r = http.postMultipart("/documents/" + id + "/update_file", List.of(
                Part.file("file", "owls.pdf", IngestTesting.pdf("Owls hunt at night.", "Owls have silent wings.")),
                Part.field("metadata", "{\"pages\":\"2\"}"), Part.field("metadata_types", "{\"pages\":\"number\"}"),
                Part.field("use_colpali", "false")));
        assertEquals(200, r.status(), r.text());
        assertEquals("processing", r.object().getJsonObject("system_metadata").getString("status"));
        DocumentRecord done = IngestTesting.completed(server, id);
        assertEquals("application/pdf", done.contentType());
        assertEquals("owls.pdf", done.filename());
        String text = IngestTesting.chunkText(server, id);
        assertTrue(text.contains("silent wings") && !text.contains("plain text about owls"), text);
        assertEquals(2, IngestTesting.json(done.metadataJson()).getInt("pages"));

        HttpFixture.Response noFile = http.postMultipart("/documents/" + id + "/update_file",
                List.of(Part.field("metadata", "{}")));
        assertEquals(422, noFile.status(), noFile.text());
    }

    @Test
    void updateMetadataAcceptsBothBodyShapesAndNeverReembeds() {
        String id = ingest("metadata only document about bees", Json.createObjectBuilder().add("a", 1).add("b", 2).build());
        List<ChunkRecord> chunksBefore = IngestTesting.chunks(server, id);

        HttpFixture.Response head = http.postJson("/documents/" + id + "/update_metadata", Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("b", "20").addNull("c"))
                .add("metadata_types", Json.createObjectBuilder().add("b", "number")).build());
        assertEquals(200, head.status(), head.text());
        JsonObject m = head.object().getJsonObject("metadata");
        assertEquals(1, m.getInt("a"));
        assertEquals(20, m.getInt("b"));
        assertTrue(m.isNull("c"));
        assertEquals("null", head.object().getJsonObject("metadata_types").getString("c"));
        assertEquals("completed", head.object().getJsonObject("system_metadata").getString("status"));

        // SDK 0.2.x: the body is the metadata itself
        HttpFixture.Response legacy = http.postJson("/documents/" + id + "/update_metadata",
                Json.createObjectBuilder().add("d", true).add("a", "one").build());
        assertEquals(200, legacy.status(), legacy.text());
        JsonObject after = legacy.object().getJsonObject("metadata");
        assertEquals("one", after.getString("a"));
        assertEquals(true, after.getBoolean("d"));
        assertEquals(20, after.getInt("b"));
        assertEquals(id, after.getString("external_id"));
        assertEquals("boolean", legacy.object().getJsonObject("metadata_types").getString("d"));

        DocumentRecord stored = IngestTesting.services(server).storage().findDocument(IngestTesting.DEV, id).orElseThrow();
        assertEquals("one", IngestTesting.json(stored.metadataJson()).getString("a"));
        List<ChunkRecord> chunksAfter = IngestTesting.chunks(server, id);
        assertEquals(chunksBefore.size(), chunksAfter.size());
        assertEquals(chunksBefore.getFirst().content(), chunksAfter.getFirst().content());
    }

    @Test
    void reservedKeysMayBeSentBackUnchangedButNotChanged() {
        String id = ingest("reserved key document", Json.createObjectBuilder().add("x", 1).build());
        JsonObject current = IngestTesting.json(IngestTesting.services(server).storage()
                .findDocument(IngestTesting.DEV, id).orElseThrow().metadataJson());
        // what a client read, sent back with one change
        JsonObject echoed = Json.createObjectBuilder(current).add("x", 2).build();
        HttpFixture.Response ok = http.postJson("/documents/" + id + "/update_metadata",
                Json.createObjectBuilder().add("metadata", echoed).add("metadata_types",
                        Json.createObjectBuilder().add("external_id", "string").add("folder_name", "string")).build());
        assertEquals(200, ok.status(), ok.text());
        assertEquals(2, ok.object().getJsonObject("metadata").getInt("x"));

        for (JsonObject bad : List.of(
                Json.createObjectBuilder().add("external_id", "another").build(),
                Json.createObjectBuilder().add("folder_name", "/Elsewhere").build(),
                Json.createObjectBuilder().add("owner_id", "someone").build())) {
            HttpFixture.Response r = http.postJson("/documents/" + id + "/update_metadata",
                    Json.createObjectBuilder().add("metadata", bad).build());
            assertEquals(400, r.status(), bad + " -> " + r.text());
        }
        HttpFixture.Response types = http.postJson("/documents/" + id + "/update_metadata",
                Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("y", 1))
                        .add("metadata_types", Json.createObjectBuilder().add("app_id", "string")).build());
        assertEquals(400, types.status(), types.text());
        HttpFixture.Response coercion = http.postJson("/documents/" + id + "/update_metadata",
                Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("y", "abc"))
                        .add("metadata_types", Json.createObjectBuilder().add("y", "number")).build());
        assertEquals(400, coercion.status(), coercion.text());
        assertEquals("/Upd", IngestTesting.json(IngestTesting.services(server).storage()
                .findDocument(IngestTesting.DEV, id).orElseThrow().metadataJson()).getString("folder_name"));
    }

    @Test
    void unknownDocumentsAre404AndBadBodies4xxWithNothingChanged() {
        String id = ingest("unchanged by bad updates", Json.createObjectBuilder().add("k", "v").build());
        DocumentRecord before = IngestTesting.services(server).storage().findDocument(IngestTesting.DEV, id).orElseThrow();
        for (String path : List.of("update_text", "update_metadata")) {
            HttpFixture.Response r = http.postJson("/documents/no-such-id/" + path, "{\"content\":\"x\",\"metadata\":{}}");
            assertEquals(404, r.status(), r.text());
            assertEquals("Document not found or update failed", r.detail());
        }
        assertEquals(404, http.postMultipart("/documents/no-such-id/update_file",
                List.of(Part.file("file", "a.txt", utf8("a")))).status());
        assertEquals(422, http.postJson("/documents/" + id + "/update_text", "{\"content\":\" \"}").status());
        assertEquals(422, http.postJson("/documents/" + id + "/update_text", "{\"filename\":\"x\"}").status());
        assertEquals(400, http.postJson("/documents/" + id + "/update_text",
                "{\"content\":\"x\",\"metadata\":{\"filename\":\"evil\"}}").status());
        assertEquals(422, http.postJson("/documents/" + id + "/update_metadata", "{\"metadata\":\"text\"}").status());
        assertEquals(422, http.postJson("/documents/" + id + "/update_metadata", "[]").status());
        assertEquals(400, http.postMultipart("/documents/" + id + "/update_file", List.of(
                Part.file("file", "a.txt", utf8("a")), Part.field("metadata", "nope"))).status());

        DocumentRecord after = IngestTesting.services(server).storage().findDocument(IngestTesting.DEV, id).orElseThrow();
        assertEquals(before.metadataJson(), after.metadataJson());
        assertEquals(before.storageInfoJson(), after.storageInfoJson());
        assertEquals("completed", after.status());
        Set<String> texts = new HashSet<>();
        IngestTesting.chunks(server, id).forEach(c -> texts.add(c.content()));
        assertEquals(Set.of("unchanged by bad updates"), texts);
    }
}
