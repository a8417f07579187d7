package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.SdkClient.Part.field;
import static quire.apitests.SdkClient.Part.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls of Morphik's older SDKs (0.2.x, the FULL era, up to 1.1.x) that spec §7.4 and §9
 * require a server to keep answering, replayed as those SDKs send them against a dev-mode Quire
 * ({@code Morphik()} or an {@code http://} URI: no token). Graph, cache, agent and
 * {@code ee/create_app} calls are not served by Quire yet and are not covered here (see the
 * redirect check in {@link SdkContractIT}).
 */
class LegacySdkContractIT {
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** A 0.2.x rule dict, accepted and ignored at HEAD (§4.4, §9.3). */
    private static final JsonObject RULE = Json.createObjectBuilder().add("type", "metadata_extraction")
            .add("schema", Json.createObjectBuilder().add("title", Json.createObjectBuilder().add("type", "string")
                    .add("description", "the title"))).build();

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static SdkClient db;
    static JsonObject seeded;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir);
        db = SdkClient.plain(server.url());
        seeded = waitForCompletion(ingestText("Ferry timetables change with the winter schedule.", "ferries.txt",
                Json.createObjectBuilder().add("dept", "transport").build(), null, null).getString("external_id"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** 0.2.x {@code ingest_text}: {content, filename, metadata, rules, use_colpali} + scope keys. */
    static JsonObject ingestText(String content, String filename, JsonObject metadata, String folder, String endUser) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("content", content)
                .add("filename", filename == null ? JsonValue.NULL : Json.createValue(filename))
                .add("metadata", metadata == null ? JsonValue.EMPTY_JSON_OBJECT : metadata)
                .add("rules", Json.createArrayBuilder().add(RULE)).add("use_colpali", true);
        if (folder != null) {
            b.add("folder_name", folder);
        }
        if (endUser != null) {
            b.add("end_user_id", endUser);
        }
        return SdkShapes.document(db.post("ingest/text", b.build()), "ingest_text (0.2.x)");
    }

    static JsonObject waitForCompletion(String id) {
        return db.waitForDocumentCompletion(id, SETTLE);
    }

    static String id(JsonObject doc) {
        return doc.getString("external_id");
    }

    // ------------------------------------------------------------------ §7.4 rows

    /** 0.2.x {@code list_documents}: POST documents, skip/limit as query params, body {} or {document_filters}. */
    @Test
    void listDocumentsReturnsABareArray() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("skip", 0);
        params.put("limit", 100);
        JsonArray all = SdkShapes.documents(db.request("POST", "documents", JsonValue.EMPTY_JSON_OBJECT, params),
                "list_documents (0.2.x)");
        assertTrue(all.stream().anyMatch(d -> id(d.asJsonObject()).equals(id(seeded))), all.toString());
        JsonArray filtered = SdkShapes.documents(db.request("POST", "documents", Json.createObjectBuilder()
                .add("document_filters", Json.createObjectBuilder().add("dept", "transport")).build(), params),
                "list_documents(filters) (0.2.x)");
        assertEquals(1, filtered.size(), filtered.toString());
        // UserScope/Folder.list_documents add end_user_id / folder_name to the query
        JsonObject mine = ingestText("Crew rota for the night ferry.", "rota.txt", null, "Rosters", "deckhand-3");
        waitForCompletion(id(mine));
        params.put("folder_name", "Rosters");
        params.put("end_user_id", "deckhand-3");
        JsonArray scoped = SdkShapes.documents(db.request("POST", "documents", JsonValue.EMPTY_JSON_OBJECT, params),
                "list_documents(folder_name, end_user_id) (0.2.x)");
        assertEquals(List.of(id(mine)), scoped.stream().map(d -> id(d.asJsonObject())).toList());
        // folder_name=[...] repeats the key
        params.put("folder_name", List.of("Elsewhere", "Rosters"));
        scoped = SdkShapes.documents(db.request("POST", "documents", JsonValue.EMPTY_JSON_OBJECT, params),
                "list_documents(folder_name=[...]) (0.2.x)");
        assertEquals(List.of(id(mine)), scoped.stream().map(d -> id(d.asJsonObject())).toList());
    }

    @Test
    void ingestTextWithRulesIsAcceptedAndRulesIgnored() {
        JsonObject doc = ingestText("Harbour dues are payable monthly.", "dues.txt",
                Json.createObjectBuilder().add("k", "v").build(), null, null);
        JsonObject done = waitForCompletion(id(doc));
        assertEquals("v", done.getJsonObject("metadata").getString("k"));
        assertFalse(done.getJsonObject("metadata").containsKey("title"), "rules are ignored at HEAD: " + done);
    }

    /** 0.2.x {@code ingest_file} / {@code UserScope.ingest_file}: metadata, rules, end_user_id, use_colpali fields. */
    @Test
    void ingestFileWithRulesField() {
        JsonObject doc = SdkShapes.document(db.multipart("ingest/file",
                List.of(field("metadata", "{\"src\":\"legacy\"}"), field("rules", "[" + RULE + "]"),
                        field("end_user_id", "pilot-1"), field("use_colpali", "true"), field("folder_name", "Legacy")),
                List.of(file("file", "legacy.txt", "An upload from the old client.".getBytes(StandardCharsets.UTF_8)))),
                "ingest_file (0.2.x)");
        assertEquals("pilot-1", doc.getString("end_user_id"));
        waitForCompletion(id(doc));
        // ingest_files with a flat rules list and per-file rules (list of lists)
        for (String rules : List.of("[" + RULE + "]", "[[" + RULE + "],[]]")) {
            JsonObject out = SdkShapes.object(db.multipart("ingest/files",
                    List.of(field("metadata", "{}"), field("rules", rules), field("parallel", "true"),
                            field("use_colpali", "true")),
                    List.of(file("files", "one.txt", "one".getBytes(StandardCharsets.UTF_8)),
                            file("files", "two.txt", "two".getBytes(StandardCharsets.UTF_8)))),
                    "ingest_files (0.2.x) rules=" + rules);
            assertEquals(2, SdkShapes.documents(out.get("documents"), "ingest_files.documents").size());
        }
    }

    /** 0.2.x {@code update_document_with_text}: IngestTextRequest incl. rules; no query for strategy "add". */
    @Test
    void updateTextWithRulesAndDefaultStrategy() {
        String id = id(waitForCompletion(id(ingestText("Old tariff.", "tariff.txt", null, null, null))));
        JsonObject body = Json.createObjectBuilder().add("content", "New tariff.").addNull("filename")
                .add("metadata", Json.createObjectBuilder().add("rev", 1)).add("rules", Json.createArrayBuilder().add(RULE))
                .add("use_colpali", true).build();
        JsonObject updated = SdkShapes.document(db.post("documents/" + id + "/update_text", body),
                "update_document_with_text (0.2.x)");
        assertEquals(id, id(updated));
        waitForCompletion(id);
        // update_strategy other than "add" travels as a query parameter; HEAD ignores it
        SdkShapes.document(db.request("POST", "documents/" + id + "/update_text", body, Map.of("update_strategy", "replace")),
                "update_document_with_text(update_strategy) (0.2.x)");
        waitForCompletion(id);
        // update_document_with_file: metadata, rules and update_strategy as form fields
        SdkShapes.document(db.multipart("documents/" + id + "/update_file",
                List.of(field("metadata", "{}"), field("rules", "[]"), field("update_strategy", "add"), field("use_colpali", "true")),
                List.of(file("file", "tariff-2.txt", "Tariff from a file.".getBytes(StandardCharsets.UTF_8)))),
                "update_document_with_file (0.2.x)");
        waitForCompletion(id);
    }

    /** 0.2.x {@code update_document_metadata}: the body is the raw metadata dict. */
    @Test
    void updateMetadataWithRawDict() {
        String id = id(seeded);
        JsonObject updated = SdkShapes.document(db.post("documents/" + id + "/update_metadata",
                Json.createObjectBuilder().add("reviewer", "Jane").add("status_note", "ok").build()),
                "update_document_metadata (0.2.x)");
        assertEquals("Jane", updated.getJsonObject("metadata").getString("reviewer"));
        assertEquals("transport", updated.getJsonObject("metadata").getString("dept"), "merge keeps other keys");
    }

    /**
     * 0.2.x {@code UserScope.retrieve_chunks/retrieve_docs}: {@code folder_name} and
     * {@code end_user_id} always in the body, {@code folder_name} null when unscoped.
     */
    @Test
    void userScopeRetrievalSendsNullFolder() {
        JsonObject doc = ingestText("Night pilots board at the outer buoy.", "pilots.txt", null, null, "pilot-9");
        waitForCompletion(id(doc));
        JsonObject body = Json.createObjectBuilder().add("query", "outer buoy pilots").addNull("filters").add("k", 4)
                .add("min_score", 0.0).add("use_colpali", true).add("end_user_id", "pilot-9").addNull("folder_name").build();
        JsonArray chunks = SdkShapes.chunkResults(db.post("retrieve/chunks", body), "UserScope.retrieve_chunks (0.2.x)");
        assertFalse(chunks.isEmpty());
        chunks.forEach(c -> assertEquals(id(doc), c.asJsonObject().getString("document_id")));
        JsonArray docs = SdkShapes.array(db.post("retrieve/docs", body), "UserScope.retrieve_docs (0.2.x)");
        for (int i = 0; i < docs.size(); i++) {
            SdkShapes.documentResult(docs.get(i), "retrieve_docs[" + i + "]");
        }
    }

    /** 0.2.x {@code query}: graph_name dropped when None, hop_depth and include_paths always sent. */
    @Test
    void queryWithGraphKeys() {
        JsonObject body = Json.createObjectBuilder().add("query", "When do ferry timetables change?").addNull("filters")
                .add("k", 4).add("min_score", 0.0).add("use_colpali", true).add("hop_depth", 1).add("include_paths", false)
                .build();
        // the SDK removes None values before sending
        JsonObjectBuilder sent = Json.createObjectBuilder();
        body.forEach((k, v) -> {
            if (v.getValueType() != JsonValue.ValueType.NULL) {
                sent.add(k, v);
            }
        });
        JsonObject payload = sent.build();
        assertFalse(payload.containsKey("filters"));
        SdkShapes.completion(db.post("query", payload), "query (0.2.x)");
        // graph_name given: HEAD silently ignores graph mode
        SdkShapes.completion(db.post("query", Json.createObjectBuilder(payload).add("graph_name", "ports").build()),
                "query(graph_name) (0.2.x)");
    }

    /** 0.2.x {@code get_usage_stats} / {@code get_recent_usage}: raw JSON. */
    @Test
    void usageStatsAndRecent() {
        JsonObject stats = SdkShapes.object(db.get("usage/stats"), "get_usage_stats");
        stats.forEach((op, tokens) -> SdkShapes.integral(tokens, "usage/stats." + op));
        assertTrue(stats.containsKey("ingest_text"), stats.toString());
        JsonArray recent = SdkShapes.array(db.get("usage/recent"), "get_recent_usage");
        assertFalse(recent.isEmpty());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("operation_type", "ingest_text");
        params.put("since", "2000-01-01T00:00:00");
        params.put("status", "success");
        for (JsonValue v : SdkShapes.array(db.get("usage/recent", params), "get_recent_usage(filters)")) {
            JsonObject r = SdkShapes.object(v, "usage record");
            assertEquals("ingest_text", SdkShapes.str(r, "operation_type", "usage record"));
            SdkShapes.str(r, "timestamp", "usage record");
            SdkShapes.integer(r, "tokens_used", "usage record");
            SdkShapes.number(r, "duration_ms", "usage record");
            SdkShapes.str(r, "status", "usage record");
        }
    }

    /** 0.2.x {@code create_folder(name, description)} and folder-scoped helpers on a bare name. */
    @Test
    void folderByBareName() {
        JsonObject folder = SdkShapes.folderInfo(db.post("folders", Json.createObjectBuilder().add("name", "Archive")
                .add("description", "old things").build()), "create_folder (0.2.x)");
        assertEquals("Archive", folder.getString("name"));
        assertEquals(folder.getString("id"), SdkShapes.folderInfo(db.get("folders/Archive"), "get_folder").getString("id"));
        SdkShapes.statusMessage(db.post("folders/Archive/documents/" + id(seeded), null), "add_document_to_folder");
        assertEquals("Archive", SdkShapes.document(db.get("documents/" + id(seeded)), "get_document").getString("folder_name"));
        SdkShapes.statusMessage(db.delete("folders/Archive/documents/" + id(seeded)), "remove_document_from_folder");
    }

}
