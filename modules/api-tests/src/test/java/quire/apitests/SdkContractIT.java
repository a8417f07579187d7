package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static quire.apitests.SdkClient.Part.field;
import static quire.apitests.SdkClient.Part.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

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
 * Morphik Python SDK 1.2.6 against Quire, row by row of spec §7.3: each test replays exactly the
 * request an SDK method sends (path, method, JSON with the SDK's null handling, multipart string
 * fields, repeated query keys, {@code Content-Type: application/json} even on GET/DELETE, the
 * bearer token taken from a {@code morphik://name:<jwt>@127.0.0.1:<port>} URI) and checks the
 * response with what the SDK parses it into ({@link SdkShapes}). The server runs in jwt mode so
 * the token path is the real one. Rows Quire does not serve yet (summaries, pages, apps, v2,
 * migrate, on-the-fly query) are only checked not to redirect, see
 * {@link #unservedRoutesAnswerJsonErrorsNotRedirects()}.
 */
class SdkContractIT {
    private static final String SECRET = "sdk-contract-it-secret-0123456789abcdef";
    private static final String APP_ID = UUID.randomUUID().toString();
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static SdkClient db;
    static String uri;
    static String jwt;
    static int port;
    /** A completed text document with known content. */
    static JsonObject seeded;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir, Map.of("quire.auth.mode", "jwt"), Map.of("JWT_SECRET_KEY", SECRET));
        port = java.net.URI.create(server.url()).getPort();
        jwt = token("sdk_user", APP_ID);
        // the URI Morphik's /local/generate_uri hands out: morphik://<name>:<jwt>@127.0.0.1:<port>
        uri = "morphik://sdk_user:" + jwt + "@127.0.0.1:" + port;
        db = SdkClient.fromUri(uri);
        seeded = waitForCompletion(ingestText("The harbour master logs every vessel entering the bay at dawn.",
                "harbour.txt", Json.createObjectBuilder().add("topic", "harbour").build()).getString("external_id"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Claims of a HEAD-minted token: user_id, entity_id, app_id, token_version, exp; HS256. */
    static String token(String user, String appId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("user_id", user).claim("entity_id", user)
                .claim("token_version", 0).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
        if (appId != null) {
            claims.claim("app_id", appId);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ SDK calls, as the SDK builds them

    /** {@code ingest_text(content, filename, metadata)} (use_colpali=True; metadata_types always). */
    static JsonObject ingestText(String content, String filename, JsonObject metadata) {
        return ingestText(db, content, filename, metadata, null, null);
    }

    static JsonObject ingestText(SdkClient client, String content, String filename, JsonObject metadata,
                                 String folderName, String endUserId) {
        JsonObjectBuilder payload = Json.createObjectBuilder().add("content", content)
                .add("filename", filename == null ? JsonValue.NULL : Json.createValue(filename))
                .add("metadata", metadata == null ? JsonValue.EMPTY_JSON_OBJECT : metadata).add("use_colpali", true)
                .add("metadata_types", JsonValue.EMPTY_JSON_OBJECT);
        if (folderName != null) {
            payload.add("folder_name", folderName);
        }
        if (endUserId != null) {
            payload.add("end_user_id", endUserId);
        }
        return SdkShapes.document(client.post("ingest/text", payload.build()), "ingest_text");
    }

    /** {@code wait_for_document_completion}: poll status until completed/failed, then get_document. */
    static JsonObject waitForCompletion(String id) {
        return db.waitForDocumentCompletion(id, SETTLE);
    }

    /** {@code _prepare_retrieve_chunks_request}: filters always sent (may be null). */
    static JsonObjectBuilder retrieveBody(String query, int k) {
        return Json.createObjectBuilder().add("query", query).addNull("filters").add("k", k).add("min_score", 0.0)
                .add("use_colpali", true);
    }

    static String id(JsonObject doc) {
        return doc.getString("external_id");
    }

    // ------------------------------------------------------------------ §7.2 transport

    @Test
    void morphikUriTokenIsTheBearerTokenInJwtMode() {
        assertEquals("http://127.0.0.1:" + port, db.base(), "morphik://...@127.0.0.1 -> http://");
        // the same request without the token, or with a token signed by another secret, is refused
        SdkClient anonymous = SdkClient.plain(server.url());
        HttpFixture.Response r = anonymous.send("POST", "documents/list_docs", Json.createObjectBuilder().build(), null);
        assertEquals(401, r.status(), r.text());
        SdkShapes.errorBody(r, "no token");
        String forged = "morphik://sdk_user:" + jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA@127.0.0.1:" + port;
        r = SdkClient.fromUri(forged).send("POST", "documents/list_docs", Json.createObjectBuilder().build(), null);
        assertEquals(401, r.status(), r.text());
        SdkShapes.errorBody(r, "bad signature");
        // with it, the caller sees its own documents
        JsonObject page = SdkShapes.listDocs(db.request("POST", "documents/list_docs", listDocsBody(0, 100).build(),
                null), "list_documents");
        assertTrue(page.getInt("returned_count") >= 1, page.toString());
    }

    @Test
    void errorsAreJsonDetail() {
        HttpFixture.Response r = db.send("GET", "documents/" + UUID.randomUUID(), null, null);
        assertEquals(404, r.status(), r.text());
        SdkShapes.errorBody(r, "unknown document");
        r = db.send("POST", "ingest/text", Json.createObjectBuilder().add("filename", "x.txt").build(), null);
        assertEquals(422, r.status(), r.text());
        SdkShapes.errorBody(r, "missing content");
        r = db.send("POST", "retrieve/chunks", Json.createObjectBuilder().add("query", "x").add("k", "many").build(), null);
        assertEquals(422, r.status(), r.text());
        SdkShapes.errorBody(r, "k not an int");
    }

    @Test
    void logsAndModelConfigAnswerBothSpellingsWithoutRedirect() {
        for (String endpoint : List.of("logs/", "logs", "model-config/", "model-config")) {
            SdkShapes.array(db.get(endpoint), endpoint);
        }
        SdkShapes.object(db.get("ping"), "ping");
    }

    /**
     * Routes of §7.3/§7.4 Quire does not serve yet must still fail the way the SDK can report:
     * never a redirect, always a JSON error with {@code detail}.
     */
    @Test
    void unservedRoutesAnswerJsonErrorsNotRedirects() {
        String doc = id(seeded);
        List<String[]> calls = List.of(
                new String[] {"GET", "graph"}, new String[] {"GET", "graph/"}, new String[] {"POST", "graph/create"},
                new String[] {"GET", "graph/g1"}, new String[] {"GET", "graph/g1/status"},
                new String[] {"GET", "graph/g1/visualization"}, new String[] {"POST", "graph/g1/update"},
                new String[] {"DELETE", "graph/g1"}, new String[] {"GET", "graph/workflow/w1/status"},
                new String[] {"POST", "cache/create"}, new String[] {"GET", "cache/c1"},
                new String[] {"POST", "cache/c1/update"}, new String[] {"POST", "cache/c1/add_docs"},
                new String[] {"POST", "cache/c1/query"}, new String[] {"POST", "agent"},
                new String[] {"GET", "documents/" + doc + "/summary"}, new String[] {"PUT", "documents/" + doc + "/summary"},
                new String[] {"POST", "documents/pages"}, new String[] {"GET", "apps"},
                new String[] {"DELETE", "apps"}, new String[] {"PATCH", "apps/rename"},
                new String[] {"POST", "apps/rotate_token"}, new String[] {"POST", "cloud/generate_uri"},
                new String[] {"POST", "ee/create_app"}, new String[] {"POST", "v2/retrieve/chunks"},
                new String[] {"GET", "workflows"}, new String[] {"POST", "folders/Nowhere/set_rule"});
        List<String> redirects = new ArrayList<>();
        for (String[] call : calls) {
            JsonObject body = Json.createObjectBuilder().add("name", "g1").build();
            HttpFixture.Response r = db.send(call[0], call[1], call[0].equals("GET") || call[0].equals("DELETE")
                    ? null : body, null);
            if (r.status() >= 300 && r.status() < 400) {
                redirects.add(call[0] + " " + call[1] + " -> " + r.status());
                continue;
            }
            if (r.status() >= 400) {
                SdkShapes.errorBody(r, call[0] + " " + call[1]);
            } else {
                SdkClient.json(r, call[0] + " " + call[1]);
            }
        }
        assertEquals(List.of(), redirects);
    }

    // ------------------------------------------------------------------ ingestion

    @Test
    void ingestTextReturnsADocumentAndCompletes() {
        JsonObject doc = ingestText("Lighthouse keepers trim the wick every evening.", null,
                Json.createObjectBuilder().add("kind", "note").add("year", 1890).build());
        assertEquals("note", doc.getJsonObject("metadata").getString("kind"));
        assertNotEquals(JsonValue.ValueType.NULL, doc.get("filename").getValueType(), "HEAD names text documents");
        JsonObject done = waitForCompletion(id(doc));
        assertEquals("completed", done.getJsonObject("system_metadata").getString("status"));
        assertFalse(done.getJsonArray("chunk_ids").isEmpty(), done.toString());
    }

    @Test
    void ingestFileMultipartReturnsADocument() {
        JsonObject doc = SdkShapes.document(db.multipart("ingest/file",
                List.of(field("metadata", "{\"source\":\"upload\"}"), field("folder_name", "/Uploads/Sdk"),
                        field("use_colpali", "true"), field("metadata_types", "{}")),
                List.of(file("file", "ledger notes.txt", "Cargo ledger for the spring tide.".getBytes(StandardCharsets.UTF_8)))),
                "ingest_file");
        assertEquals("ledger notes.txt", doc.getString("filename"));
        assertEquals("/Uploads/Sdk", doc.getString("folder_path"));
        JsonObject done = waitForCompletion(id(doc));
        assertEquals("upload", done.getJsonObject("metadata").getString("source"));
    }

    @Test
    void ingestFilesBatchReturnsDocumentsAndErrors() {
        JsonObject out = SdkShapes.object(db.multipart("ingest/files",
                List.of(field("metadata", "{}"), field("parallel", "true"), field("use_colpali", "true"),
                        field("metadata_types", "{}")),
                List.of(file("files", "a.txt", "first batch file".getBytes(StandardCharsets.UTF_8)),
                        file("files", "file.bin", "second batch file".getBytes(StandardCharsets.UTF_8)))),
                "ingest_files");
        JsonArray docs = SdkShapes.documents(SdkShapes.required(out, "documents", "ingest_files"), "ingest_files.documents");
        assertEquals(2, docs.size());
        for (JsonValue e : SdkShapes.array(out.get("errors"), "ingest_files.errors")) {
            SdkShapes.str(e.asJsonObject(), "filename", "errors[]");
            SdkShapes.str(e.asJsonObject(), "error", "errors[]");
        }
        // per-file metadata list, as ingest_files(metadata=[...]) sends it
        out = SdkShapes.object(db.multipart("ingest/files",
                List.of(field("metadata", "[{\"n\":1},{\"n\":2}]"), field("parallel", "false"), field("use_colpali", "false"),
                        field("metadata_types", "[{},{}]")),
                List.of(file("files", "c.txt", "third".getBytes(StandardCharsets.UTF_8)),
                        file("files", "d.txt", "fourth".getBytes(StandardCharsets.UTF_8)))),
                "ingest_files list metadata");
        SdkShapes.documents(out.get("documents"), "ingest_files.documents");
    }

    @Test
    void requeueIngestionJobs() {
        JsonObject body = Json.createObjectBuilder().add("jobs", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("external_id", id(seeded)))).build();
        JsonObject out = SdkShapes.object(db.post("ingest/requeue", body), "requeue_ingestion_jobs");
        JsonArray results = SdkShapes.array(out.get("results"), "results");
        assertEquals(1, results.size());
        SdkShapes.str(results.getJsonObject(0), "external_id", "results[0]");
        SdkShapes.str(results.getJsonObject(0), "status", "results[0]");
        SdkShapes.optStr(results.getJsonObject(0), "message", "results[0]");
        waitForCompletion(id(seeded));
    }

    // ------------------------------------------------------------------ documents

    static JsonObjectBuilder listDocsBody(int skip, int limit) {
        return Json.createObjectBuilder().add("skip", skip).add("limit", limit).addNull("document_filters")
                .add("return_documents", true).add("include_total_count", false).add("include_status_counts", false)
                .add("include_folder_counts", false).add("completed_only", false).add("sort_by", "updated_at")
                .add("sort_direction", "desc");
    }

    @Test
    void listDocumentsWithAggregatesFoldersAndFields() {
        JsonObject inFolder = ingestText(db, "Tide tables for the northern channel.", "tides.txt",
                Json.createObjectBuilder().add("author", "Ines").build(), "/Charts", null);
        waitForCompletion(id(inFolder));
        JsonObject all = SdkShapes.listDocs(db.request("POST", "documents/list_docs", listDocsBody(0, 100)
                .add("include_total_count", true).add("include_status_counts", true).add("include_folder_counts", true)
                .build(), null), "list_documents");
        assertEquals(all.getInt("returned_count"), all.getJsonArray("documents").size());
        assertTrue(SdkShapes.present(all, "total_count") && SdkShapes.present(all, "status_counts")
                && SdkShapes.present(all, "folder_counts"), all.toString());
        // folder scope as a repeated query key, plus the projection the SDK builds from fields=["metadata.author"]
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("folder_name", List.of("/Charts", "/Nowhere"));
        JsonObject scoped = SdkShapes.listDocs(db.request("POST", "documents/list_docs", listDocsBody(0, 10)
                .add("fields", Json.createArrayBuilder().add("external_id").add("content_type").add("metadata.author")
                        .add("metadata_types")).build(), params), "list_documents(folder_name, fields)");
        assertEquals(1, scoped.getInt("returned_count"), scoped.toString());
        assertEquals("Ines", scoped.getJsonArray("documents").getJsonObject(0).getJsonObject("metadata").getString("author"));
        // paging: next_skip when has_more
        JsonObject page = SdkShapes.listDocs(db.request("POST", "documents/list_docs", listDocsBody(0, 1).build(), null),
                "list_documents(limit=1)");
        if (page.getBoolean("has_more")) {
            assertEquals(1, page.getInt("next_skip"), page.toString());
        }
    }

    @Test
    void getDocumentStatusAndByFilename() {
        String id = id(seeded);
        JsonObject doc = SdkShapes.document(db.get("documents/" + id), "get_document");
        assertEquals("harbour", doc.getJsonObject("metadata").getString("topic"));
        JsonObject status = SdkShapes.documentStatus(db.get("documents/" + id + "/status"), "get_document_status");
        assertEquals("completed", status.getString("status"));
        // get_document_by_filename quotes the name with safe=""
        JsonObject spaced = waitForCompletion(id(ingestText("Buoy positions, revised.", "buoys & beacons/2024.txt", null)));
        JsonObject byName = SdkShapes.document(db.get("documents/filename/" + HttpFixture.enc(spaced.getString("filename"))),
                "get_document_by_filename");
        assertEquals(id(spaced), id(byName));
        JsonObject foldered = ingestText(db, "Dredging schedule.", "dredging.txt", null, "/Ops", "crew-7");
        waitForCompletion(id(foldered));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("folder_name", "/Ops");
        params.put("end_user_id", "crew-7");
        assertEquals(id(foldered), id(SdkShapes.document(db.get("documents/filename/dredging.txt", params),
                "get_document_by_filename(folder_name, end_user_id)")));
    }

    @Test
    void downloadUrlAndFile() {
        byte[] content = "Mooring fees are due at the new moon.".getBytes(StandardCharsets.UTF_8);
        JsonObject doc = SdkShapes.document(db.multipart("ingest/file",
                List.of(field("metadata", "{}"), field("use_colpali", "true"), field("metadata_types", "{}")),
                List.of(file("file", "fees.txt", content))), "ingest_file");
        waitForCompletion(id(doc));
        Map<String, Object> params = Map.of("expires_in", 3600);
        JsonObject url = SdkShapes.object(db.get("documents/" + id(doc) + "/download_url", params), "download_url");
        SdkShapes.str(url, "download_url", "download_url");
        SdkShapes.integer(url, "expires_in", "download_url");
        assertArrayEquals(content, db.bytes("documents/" + id(doc) + "/file"), "get_document_file");
    }

    @Test
    void updateTextFileAndMetadata() {
        String id = id(waitForCompletion(id(ingestText("Original pilotage note.", "pilotage.txt", null))));
        // update_document_with_text: IngestTextRequest.model_dump() (rules excluded)
        JsonObject body = Json.createObjectBuilder().add("content", "Revised pilotage note.").addNull("filename")
                .add("metadata", Json.createObjectBuilder().add("rev", 2)).addNull("metadata_types")
                .add("use_colpali", true).build();
        JsonObject updated = SdkShapes.document(db.post("documents/" + id + "/update_text", body), "update_document_with_text");
        assertEquals(id, id(updated));
        waitForCompletion(id);
        // update_document_with_file: metadata always, use_colpali only when given, metadata_types only when non-empty
        updated = SdkShapes.document(db.multipart("documents/" + id + "/update_file",
                List.of(field("metadata", "{\"rev\":3}")),
                List.of(file("file", "pilotage-v3.txt", "Third pilotage note.".getBytes(StandardCharsets.UTF_8)))),
                "update_document_with_file");
        assertEquals(id, id(updated));
        waitForCompletion(id);
        // update_document_metadata: {metadata, metadata_types?}
        updated = SdkShapes.document(db.post("documents/" + id + "/update_metadata", Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("reviewed", true).add("when", "2024-05-01"))
                .add("metadata_types", Json.createObjectBuilder().add("when", "date")).build()), "update_document_metadata");
        assertEquals(true, updated.getJsonObject("metadata").getBoolean("reviewed"));
        // update_document_by_filename_metadata: GET by filename, then the update call
        JsonObject byName = SdkShapes.document(db.get("documents/filename/" + HttpFixture.enc(updated.getString("filename"))),
                "get_document_by_filename");
        SdkShapes.document(db.post("documents/" + id(byName) + "/update_metadata", Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("reviewed", false)).build()), "update_document_metadata");
    }

    @Test
    void batchDocumentsAndChunks() {
        String id = id(seeded);
        JsonArray docs = SdkShapes.documents(db.post("batch/documents", Json.createObjectBuilder()
                .add("document_ids", Json.createArrayBuilder().add(id).add(UUID.randomUUID().toString())).build()),
                "batch_get_documents");
        assertEquals(1, docs.size());
        // batch_get_chunks: sources as dicts {document_id, chunk_number, score}
        JsonArray chunks = SdkShapes.chunkResults(db.post("batch/chunks", Json.createObjectBuilder()
                .add("sources", Json.createArrayBuilder().add(Json.createObjectBuilder().add("document_id", id)
                        .add("chunk_number", 0).add("score", 0.5)))
                .add("use_colpali", true).build()), "batch_get_chunks");
        assertEquals(1, chunks.size(), chunks.toString());
        assertEquals(0.5, chunks.getJsonObject(0).getJsonNumber("score").doubleValue(), 1e-9);
    }

    @Test
    void searchDocumentsByName() {
        JsonArray found = SdkShapes.documents(db.post("search/documents", Json.createObjectBuilder().add("query", "harbour")
                .add("limit", 10).build()), "search_documents");
        assertTrue(found.stream().anyMatch(d -> d.asJsonObject().getString("external_id").equals(id(seeded))), found.toString());
    }

    @Test
    void deleteDocumentAndByFilename() {
        String id = id(waitForCompletion(id(ingestText("Temporary notice.", "temp-notice.txt", null))));
        SdkShapes.statusMessage(db.delete("documents/" + id), "delete_document");
        assertEquals(404, db.send("GET", "documents/" + id, null, null).status());
        JsonObject other = waitForCompletion(id(ingestText("Another temporary notice.", "temp-two.txt", null)));
        JsonObject byName = SdkShapes.document(db.get("documents/filename/temp-two.txt"), "delete_document_by_filename");
        assertEquals(id(other), id(byName));
        SdkShapes.statusMessage(db.delete("documents/" + id(byName)), "delete_document_by_filename");
    }

    // ------------------------------------------------------------------ folders

    @Test
    void folderLifecycle() {
        // create_folder("Q1", full_path="/Reports/Q1"): name = leaf, full_path sent
        JsonObject q1 = SdkShapes.folderInfo(db.post("folders", Json.createObjectBuilder().add("name", "Q1")
                .add("description", "first quarter").add("full_path", "/Reports/Q1").build()), "create_folder");
        assertEquals("Q1", q1.getString("name"));
        // create_folder("Plain"): just the name
        JsonObject plain = SdkShapes.folderInfo(db.post("folders", Json.createObjectBuilder().add("name", "Plain").build()),
                "create_folder");
        // get_folder by id, by name and by path (f"folders/{x}" -> folders//Reports/Q1)
        assertEquals(q1.getString("id"), SdkShapes.folderInfo(db.get("folders/" + q1.getString("id")), "get_folder").getString("id"));
        assertEquals(plain.getString("id"), SdkShapes.folderInfo(db.get("folders/Plain"), "get_folder").getString("id"));
        assertEquals(q1.getString("id"), SdkShapes.folderInfo(db.get("folders//Reports/Q1"), "get_folder").getString("id"));
        SdkShapes.folderInfos(db.get("folders"), "list_folders");
        JsonArray summaries = SdkShapes.array(db.get("folders/summary"), "get_folders_summary");
        for (int i = 0; i < summaries.size(); i++) {
            SdkShapes.folderSummary(summaries.get(i), "get_folders_summary[" + i + "]");
        }
        // scoped ingest through Folder("/Reports/Q1").ingest_text
        JsonObject doc = ingestText(db, "Quarterly berth occupancy.", "berths.txt", null, "/Reports/Q1", null);
        waitForCompletion(id(doc));
        // get_folders_details(): defaults, then with documents and status counts
        SdkShapes.folderDetails(db.post("folders/details", Json.createObjectBuilder().add("include_document_count", true)
                .add("include_status_counts", false).add("include_documents", false).add("document_skip", 0)
                .add("document_limit", 25).build()), "get_folders_details");
        JsonObject details = SdkShapes.folderDetails(db.post("folders/details", Json.createObjectBuilder()
                .add("include_document_count", true).add("include_status_counts", true).add("include_documents", true)
                .add("document_skip", 0).add("document_limit", 25)
                .add("identifiers", Json.createArrayBuilder().add("/Reports/Q1"))
                .add("sort_by", "updated_at").add("sort_direction", "desc").build()), "get_folders_details(identifiers)");
        assertEquals(1, details.getJsonArray("folders").size());
        // add/remove: POST/DELETE with Content-Type: application/json and no body
        SdkShapes.statusMessage(db.post("folders/" + plain.getString("id") + "/documents/" + id(doc), null),
                "add_document_to_folder");
        assertEquals("/Plain", SdkShapes.document(db.get("documents/" + id(doc)), "get_document").getString("folder_path"));
        SdkShapes.statusMessage(db.delete("folders/Plain/documents/" + id(doc)), "remove_document_from_folder");
        // rename_folder("/Reports/Q1", "Q1-final"): GET folders/{x}, then POST folders/{x w/o leading /}/move
        JsonObject current = SdkShapes.folderInfo(db.get("folders//Reports/Q1"), "get_folder");
        JsonObject moved = SdkShapes.folderInfo(db.post("folders/Reports/Q1/move",
                Json.createObjectBuilder().add("new_path", "/Reports/Q1-final").build()), "move_folder");
        assertEquals(current.getString("id"), moved.getString("id"));
        assertEquals("/Reports/Q1-final", moved.getString("full_path"));
        // delete_folder(x): never sends recursive
        SdkShapes.statusMessage(db.delete("folders/" + moved.getString("id")), "delete_folder");
        SdkShapes.statusMessage(db.delete("folders/Plain"), "delete_folder");
    }

    // ------------------------------------------------------------------ retrieval and completion

    @Test
    void retrieveChunksGroupedAndDocs() {
        JsonArray chunks = SdkShapes.chunkResults(db.post("retrieve/chunks", retrieveBody("harbour master vessel", 4).build()),
                "retrieve_chunks");
        assertFalse(chunks.isEmpty());
        // retrieve_chunks(folder_name=[...], folder_depth=-1, padding=1, output_format="base64")
        SdkShapes.chunkResults(db.post("retrieve/chunks", retrieveBody("vessel", 4)
                .add("folder_name", Json.createArrayBuilder().add("/Charts").add("null")).add("folder_depth", -1)
                .add("padding", 1).add("output_format", "base64").build()), "retrieve_chunks(scoped)");
        // retrieve_chunks_grouped: padding always, filters only when given
        SdkShapes.groupedChunks(db.post("retrieve/chunks/grouped", Json.createObjectBuilder().add("k", 4).add("min_score", 0.0)
                .add("use_colpali", true).add("padding", 0).add("query", "harbour").build()), "retrieve_chunks_grouped");
        // retrieve_docs: filters and use_reranking sent even when null
        JsonArray docs = db.post("retrieve/docs", Json.createObjectBuilder().add("query", "harbour master").addNull("filters")
                .add("k", 4).add("min_score", 0.0).add("use_colpali", true).addNull("use_reranking").build()).asJsonArray();
        assertFalse(docs.isEmpty());
        for (int i = 0; i < docs.size(); i++) {
            SdkShapes.documentResult(docs.get(i), "retrieve_docs[" + i + "]");
        }
    }

    @Test
    void queryReturnsACompletionResponse() {
        // query(): nulls removed -> {query, k, min_score, use_colpali}
        JsonObject body = Json.createObjectBuilder().add("query", "Who logs vessels entering the bay?").add("k", 4)
                .add("min_score", 0.0).add("use_colpali", true).build();
        JsonObject out = SdkShapes.completion(db.post("query", body), "query");
        assertFalse(out.getJsonArray("sources").isEmpty(), out.toString());
    }

    @Test
    void queryWithChatIdKeepsAHistoryTheChatCallsRead() {
        String chatId = UUID.randomUUID().toString();
        JsonObject body = Json.createObjectBuilder().add("query", "When does the harbour master log vessels?").add("k", 2)
                .add("min_score", 0.0).add("use_colpali", true).add("chat_id", chatId).build();
        SdkShapes.completion(db.post("query", body), "query(chat_id)");
        JsonArray history = SdkShapes.array(db.get("chat/" + chatId), "get_chat_history");
        assertEquals(2, history.size(), history.toString());
        for (JsonValue m : history) {
            JsonObject message = SdkShapes.object(m, "chat message");
            assertTrue(List.of("user", "assistant").contains(SdkShapes.str(message, "role", "chat message")));
            SdkShapes.str(message, "content", "chat message");
            SdkShapes.str(message, "timestamp", "chat message");
        }
        JsonArray conversations = SdkShapes.array(db.get("chats", Map.of("limit", 100)), "list_chat_conversations");
        JsonObject mine = conversations.stream().map(JsonValue::asJsonObject)
                .filter(c -> chatId.equals(c.getString("chat_id", null))).findFirst().orElseThrow(
                        () -> new AssertionError("conversation not listed: " + conversations));
        SdkShapes.str(mine, "created_at", "conversation");
        SdkShapes.str(mine, "updated_at", "conversation");
        SdkShapes.optStr(mine, "title", "conversation");
        if (SdkShapes.present(mine, "last_message")) {
            SdkShapes.object(mine.get("last_message"), "conversation.last_message");
        }
    }

    @Test
    void chatCallsAnswerListsForUnknownChats() {
        assertEquals(0, SdkShapes.array(db.get("chat/" + UUID.randomUUID()), "get_chat_history").size());
        SdkShapes.array(db.get("chats", Map.of("limit", 100)), "list_chat_conversations");
    }

    // ------------------------------------------------------------------ usage, logs, health

    @Test
    void logsAndAppStorageUsage() {
        // get_logs(): GET logs/ with {limit: 100, hours: 4.0}
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", 100);
        params.put("hours", 4.0);
        JsonArray logs = SdkShapes.array(db.get("logs/", params), "get_logs");
        assertFalse(logs.isEmpty(), "the seeded ingest is a tracked operation");
        for (int i = 0; i < logs.size(); i++) {
            SdkShapes.logEntry(logs.get(i), "get_logs[" + i + "]");
        }
        params.put("op_type", "ingest_text");
        params.put("status", "success");
        for (JsonValue v : SdkShapes.array(db.get("logs/", params), "get_logs(op_type)")) {
            assertEquals("ingest_text", v.asJsonObject().getString("operation_type"));
        }
        JsonObject usage = SdkShapes.appStorageUsage(db.get("usage/app-storage"), "get_app_storage_usage");
        assertEquals(APP_ID, usage.getString("app_id"));
        assertTrue(usage.getInt("document_count") >= 1, usage.toString());
    }

    @Test
    void pingAndHealth() {
        JsonObject ping = SdkShapes.object(db.get("ping"), "ping");
        assertEquals("ok", ping.getString("status"));
        JsonObject health = SdkShapes.object(db.get("health"), "get_health");
        SdkShapes.str(health, "status", "health");
        SdkShapes.array(health.get("services"), "health.services");
    }

    // ------------------------------------------------------------------ UI-only routes (no SDK method)

    @Test
    void modelRegistryAndApiKeys() {
        JsonObject models = SdkShapes.object(db.get("models"), "GET /models");
        SdkShapes.array(models.get("chat_models"), "chat_models");
        SdkShapes.array(models.get("embedding_models"), "embedding_models");
        SdkShapes.object(models.get("default_models"), "default_models");
        SdkShapes.array(models.get("providers"), "providers");
        JsonArray available = SdkShapes.array(SdkShapes.object(db.get("models/available"), "models/available").get("models"),
                "models/available.models");
        for (JsonValue m : available) {
            for (String k : List.of("id", "name", "provider", "description")) {
                SdkShapes.str(m.asJsonObject(), k, "models/available.models[]");
            }
        }
        JsonObject saved = SdkShapes.object(db.post("models", Json.createObjectBuilder().add("name", "my-model")
                .add("provider", "openai").add("config", Json.createObjectBuilder().add("model", "gpt-4o-mini")).build()),
                "POST /models");
        for (String k : List.of("id", "name", "provider", "created_at", "updated_at")) {
            SdkShapes.str(saved, k, "POST /models");
        }
        SdkShapes.array(db.get("models/custom"), "models/custom");
        SdkShapes.str(SdkShapes.object(db.delete("models/" + saved.getString("id")), "DELETE model"), "message", "DELETE model");
        SdkShapes.str(SdkShapes.object(db.post("api-keys", Json.createObjectBuilder().add("provider", "openai")
                .add("api_key", "sk-test-secret").build()), "POST /api-keys"), "message", "POST /api-keys");
        JsonObject keys = SdkShapes.object(db.get("api-keys"), "GET /api-keys");
        JsonObject openai = SdkShapes.object(keys.get("openai"), "api-keys.openai");
        assertFalse(openai.toString().contains("sk-test-secret"), "key must be masked: " + openai);
        SdkShapes.bool(openai, "configured", "api-keys.openai", true);
    }

    @Test
    void modelConfigBothSpellings() {
        JsonObject created = SdkShapes.object(db.post("model-config", Json.createObjectBuilder().add("provider", "openai")
                .add("config_data", Json.createObjectBuilder().add("apiKey", "sk-live-123").add("model", "gpt-4o")).build()),
                "POST /model-config");
        SdkShapes.str(created, "id", "model-config");
        SdkShapes.object(created.get("config_data"), "model-config.config_data");
        assertFalse(created.toString().contains("sk-live-123"), "apiKey masked: " + created);
        SdkShapes.object(db.post("model-config/", Json.createObjectBuilder().add("provider", "anthropic")
                .add("config_data", JsonValue.EMPTY_JSON_OBJECT).build()), "POST /model-config/");
        String id = created.getString("id");
        SdkShapes.object(db.get("model-config/" + id), "GET /model-config/{id}");
        SdkShapes.object(db.request("PUT", "model-config/" + id, Json.createObjectBuilder()
                .add("config_data", Json.createObjectBuilder().add("model", "gpt-4o-mini")).build(), null), "PUT");
        SdkShapes.array(db.get("model-config/custom-models/list"), "custom-models/list");
        SdkShapes.object(db.post("model-config/custom-models", Json.createObjectBuilder().add("name", "local")
                .add("provider", "ollama").add("model_name", "llama3").add("config", JsonValue.EMPTY_JSON_OBJECT).build()),
                "custom-models");
        SdkShapes.str(SdkShapes.object(db.delete("model-config/" + id), "DELETE"), "message", "DELETE model-config");
    }

    @Test
    void queryWithEveryOptionTheSdkSends() {
        ingestText(db, "Pilot boats wait at the northern breakwater.", "pilots-north.txt", null, "/Charts/North", null);
        // query(..., max_tokens, temperature, use_reranking, prompt_overrides, folder_name, folder_depth, padding)
        JsonObject body = Json.createObjectBuilder().add("query", "Where do pilot boats wait?").add("k", 2)
                .add("min_score", 0.0).add("max_tokens", 120).add("temperature", 0.2).add("use_colpali", true)
                .add("use_reranking", false).add("prompt_overrides", Json.createObjectBuilder().add("query",
                        Json.createObjectBuilder().add("prompt_template", "Answer {question} from {context}")))
                .add("folder_name", "/Charts").add("folder_depth", -1).add("padding", 1).build();
        SdkShapes.completion(db.post("query", body), "query(options)");
        // query(schema=...): the schema travels as a JSON schema and the SDK appends a JSON request to the query
        JsonObject structured = Json.createObjectBuilder().add("query", "Who logs vessels?\nReturn the answer in JSON "
                + "format according to the required schema.").add("k", 4).add("min_score", 0.0).add("use_colpali", true)
                .add("schema", Json.createObjectBuilder().add("type", "object").add("properties", Json.createObjectBuilder()
                        .add("who", Json.createObjectBuilder().add("type", "string")))).build();
        SdkShapes.completion(db.post("query", structured), "query(schema)");
    }

    /** The checker itself fails on what pydantic rejects; otherwise every test above could pass vacuously. */
    @Test
    void shapeCheckerRejectsWhatPydanticRejects() {
        String good = "{\"external_id\":\"d\",\"content_type\":\"text/plain\",\"metadata\":{},\"storage_info\":{\"key\":\"k\"}}";
        SdkShapes.document(SdkClient.obj(good), "good");
        for (String bad : List.of("{\"content_type\":\"text/plain\"}",
                "{\"external_id\":\"d\",\"content_type\":\"text/plain\",\"metadata\":null}",
                "{\"external_id\":\"d\",\"content_type\":\"text/plain\",\"storage_info\":{\"size\":62}}",
                "{\"external_id\":\"d\",\"content_type\":\"text/plain\",\"chunk_ids\":[1]}",
                "{\"external_id\":7,\"content_type\":\"text/plain\"}")) {
            assertRejected(() -> SdkShapes.document(SdkClient.obj(bad), "bad"), bad);
        }
        assertRejected(() -> SdkShapes.completion(SdkClient.obj("{\"completion\":\"x\"}"), "no usage"), "no usage");
        assertRejected(() -> SdkShapes.listDocs(SdkClient.obj("{\"skip\":0,\"limit\":1}"), "no returned_count"), "listDocs");
        assertRejected(() -> SdkShapes.documentResult(SdkClient.obj(
                "{\"score\":1,\"document_id\":\"d\",\"content\":{\"type\":\"url\",\"value\":\"u\"}}"), "url"), "url w/o filename");
        assertRejected(() -> SdkShapes.chunkResult(SdkClient.obj(
                "{\"content\":\"c\",\"score\":1,\"document_id\":\"d\",\"chunk_number\":1.5,\"content_type\":\"t\"}"), "c"), "float chunk");
        assertRejected(() -> SdkShapes.groupedChunks(SdkClient.obj("{\"chunks\":[],\"groups\":[],\"total_results\":0}"), "g"),
                "no has_padding");
    }

    private static void assertRejected(Runnable check, String what) {
        try {
            check.run();
        } catch (AssertionError expected) {
            return;
        }
        fail("the shape checker accepted " + what);
    }
}
