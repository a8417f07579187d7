package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.DocumentRecord;

/**
 * {@code POST /documents/list_docs} and {@code POST /documents} (HEAD object and the legacy bare
 * array) over real HTTP, with requests shaped exactly like the 1.x and 0.2.x SDKs send them.
 */
class DocumentListingIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture http;
    /** Five documents in /listing, in creation order. */
    static final List<DocumentRecord> LISTING = new ArrayList<>();
    static final List<DocumentRecord> SUB = new ArrayList<>();
    static DocumentRecord other;
    static DocumentRecord unfoldered;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir);
        http = server.http();
        TestingDocuments docs = new TestingDocuments(server);
        for (int i = 0; i < 5; i++) {
            LISTING.add(docs.create(TestingDocuments.DEV, "/listing", null, "l-" + i + ".txt", null,
                    ("listing document " + i).getBytes(StandardCharsets.UTF_8), true,
                    "{\"author\":\"a" + i + "\",\"n\":" + i + "}"));
        }
        for (int i = 0; i < 2; i++) {
            SUB.add(docs.create(TestingDocuments.DEV, "/listing/sub", null, "s-" + i + ".txt", null,
                    ("sub " + i).getBytes(StandardCharsets.UTF_8), true, "{}"));
        }
        other = docs.create(TestingDocuments.DEV, "/other", "eve", "o.txt", null,
                "other".getBytes(StandardCharsets.UTF_8), true, "{}");
        unfoldered = docs.text(TestingDocuments.DEV, "u.txt", "no folder");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The JSON body SDK 1.2.6 {@code list_documents} sends (spec §7.3). */
    private static JsonObjectBuilder sdkBody(int skip, int limit) {
        return Json.createObjectBuilder().add("skip", skip).add("limit", limit).addNull("document_filters")
                .add("return_documents", true).add("include_total_count", false).add("include_status_counts", false)
                .add("include_folder_counts", false).add("completed_only", false).add("sort_by", "updated_at")
                .add("sort_direction", "desc");
    }

    private static List<String> ids(JsonArray documents) {
        List<String> out = new ArrayList<>();
        documents.forEach(d -> out.add(d.asJsonObject().getString("external_id")));
        return out;
    }

    private static List<String> ids(List<DocumentRecord> records) {
        return records.stream().map(DocumentRecord::id).toList();
    }

    private static String firstErrorLoc(HttpFixture.Response r) {
        return r.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").toString();
    }

    @Test
    void listDocsPagesWithCountsLikeMorphik() {
        String path = HttpFixture.query("/documents/list_docs", Map.of("folder_name", "/listing"));
        JsonObject first = http.postJson(path, sdkBody(0, 2).add("include_total_count", true)
                .add("include_status_counts", true).add("include_folder_counts", true)
                .add("sort_by", "created_at").add("sort_direction", "asc").build()).object();
        assertEquals(ids(LISTING.subList(0, 2)), ids(first.getJsonArray("documents")));
        assertEquals(0, first.getInt("skip"));
        assertEquals(2, first.getInt("limit"));
        assertEquals(2, first.getInt("returned_count"));
        assertEquals(5, first.getInt("total_count"));
        assertTrue(first.getBoolean("has_more"));
        assertEquals(2, first.getInt("next_skip"));
        assertEquals(Json.createObjectBuilder().add("completed", 5).build(), first.getJsonObject("status_counts"));
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("folder", "/listing").add("count", 5))
                .build(), first.getJsonArray("folder_counts"));
        JsonObject doc = first.getJsonArray("documents").getJsonObject(0);
        assertTrue(doc.containsKey("page_count"), "listing documents carry the derived page_count");
        assertEquals("listing", doc.getString("folder_name"));
        assertEquals("/listing", doc.getString("folder_path"));

        JsonObject last = http.postJson(path, sdkBody(4, 2).add("sort_by", "created_at").add("sort_direction", "asc")
                .build()).object();
        assertEquals(ids(LISTING.subList(4, 5)), ids(last.getJsonArray("documents")));
        assertFalse(last.getBoolean("has_more"));
        assertEquals(JsonValue.NULL, last.get("next_skip"));
        assertEquals(JsonValue.NULL, last.get("total_count"));
        assertEquals(JsonValue.NULL, last.get("status_counts"));
        assertEquals(JsonValue.NULL, last.get("folder_counts"));

        JsonObject countsOnly = http.postJson(path, sdkBody(0, 0).add("include_total_count", true).build()).object();
        assertEquals(0, countsOnly.getJsonArray("documents").size());
        assertEquals(5, countsOnly.getInt("total_count"));
    }

    @Test
    void listDocsProjectsFields() {
        // the SDK prepends external_id and content_type, and adds metadata_types for metadata fields
        JsonObject body = sdkBody(0, 10).add("sort_by", "filename").add("sort_direction", "asc")
                .add("fields", Json.createArrayBuilder().add("external_id").add("content_type").add("metadata_types")
                        .add("filename").add("status").add("metadata.author")).build();
        JsonObject r = http.postJson(HttpFixture.query("/documents/list_docs", Map.of("folder_name", "/listing")), body)
                .object();
        JsonObject doc = r.getJsonArray("documents").getJsonObject(0);
        assertEquals(LISTING.get(0).id(), doc.getString("external_id"));
        assertEquals("l-0.txt", doc.getString("filename"));
        assertEquals("text/plain", doc.getString("content_type"));
        assertEquals("a0", doc.getJsonObject("metadata").getString("author"));
        assertEquals(Set.of("author"), doc.getJsonObject("metadata").keySet());
        assertEquals("completed", doc.getJsonObject("system_metadata").getString("status"));
        assertFalse(doc.containsKey("chunk_ids"));
        assertFalse(doc.getJsonObject("system_metadata").containsKey("content"));
    }

    @Test
    void listDocsSelectsFoldersFromTheQuery() {
        JsonObject all = http.postJson(HttpFixture.query("/documents/list_docs",
                Map.of("folder_name", "/listing", "folder_depth", -1)), sdkBody(0, 100).build()).object();
        assertEquals(7, all.getInt("returned_count"));

        JsonObject two = http.postJson(HttpFixture.query("/documents/list_docs",
                Map.of("folder_name", List.of("/listing/sub", "/other"))), sdkBody(0, 100).build()).object();
        assertEquals(Set.copyOf(List.of(SUB.get(0).id(), SUB.get(1).id(), other.id())),
                Set.copyOf(ids(two.getJsonArray("documents"))));

        JsonObject none = http.postJson(HttpFixture.query("/documents/list_docs", Map.of("folder_name", "null")),
                sdkBody(0, 100).build()).object();
        assertEquals(List.of(unfoldered.id()), ids(none.getJsonArray("documents")));

        JsonObject endUser = http.postJson(HttpFixture.query("/documents/list_docs", Map.of("end_user_id", "eve")),
                sdkBody(0, 100).build()).object();
        assertEquals(List.of(other.id()), ids(endUser.getJsonArray("documents")));

        JsonObject everything = http.postJson("/documents/list_docs", "").object();
        assertEquals(9, everything.getInt("returned_count"), "an absent body means every default");
        assertEquals(100, everything.getInt("limit"));
    }

    @Test
    void listDocsBadInputs() {
        HttpFixture.Response skipType = http.postJson("/documents/list_docs", "{\"skip\": \"abc\"}");
        assertEquals(422, skipType.status(), skipType.text());
        assertEquals("[\"body\",\"skip\"]", firstErrorLoc(skipType));
        assertEquals(422, http.postJson("/documents/list_docs", "{\"skip\": -1}").status());
        assertEquals(422, http.postJson("/documents/list_docs", "{\"include_total_count\": \"maybe\"}").status());
        assertEquals(422, http.postJson("/documents/list_docs", "{\"fields\": \"filename\"}").status());
        assertEquals(422, http.postJson("/documents/list_docs", "{\"document_filters\": \"x\"}").status());
        assertEquals(422, http.postJson("/documents/list_docs", "[]").status());
        assertEquals(422, http.postJson("/documents/list_docs", "{\"skip\": ").status());
        HttpFixture.Response depth = http.postJson("/documents/list_docs?folder_depth=x", "{}");
        assertEquals(422, depth.status());
        assertEquals("[\"query\",\"folder_depth\"]", firstErrorLoc(depth));

        HttpFixture.Response sort = http.postJson("/documents/list_docs", "{\"sort_by\": \"size\"}");
        assertEquals(400, sort.status());
        assertTrue(sort.detail().startsWith("sort_by must be one of"), sort.detail());
        assertEquals(400, http.postJson("/documents/list_docs", "{\"limit\": 10001}").status());
        HttpFixture.Response filter = http.postJson("/documents/list_docs",
                "{\"document_filters\": {\"author\": {\"$in\": \"a\"}}}");
        assertEquals(400, filter.status(), filter.text());
        assertEquals("$in operator for field 'author' expects a list of values.", filter.detail());
        assertEquals(400, http.postJson("/documents/list_docs?folder_depth=-5&folder_name=/listing", "{}").status());
    }

    // ---- POST /documents

    @Test
    void legacySdkGetsABareArrayOfFullDocuments() {
        // SDK 0.2.x: params {skip, limit, folder_name?, end_user_id?}, body {} or {document_filters}
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("skip", 1);
        params.put("limit", 2);
        params.put("folder_name", "/listing");
        HttpFixture.Response r = http.postJson(HttpFixture.query("/documents", params), "{}");
        assertEquals(200, r.status(), r.text());
        JsonArray docs = r.array();
        assertEquals(ids(LISTING.subList(1, 3)), ids(docs), "oldest first, paged by the query's skip/limit");
        JsonObject d = docs.getJsonObject(0);
        assertEquals("listing document 1", d.getJsonObject("system_metadata").getString("content"));
        assertFalse(d.containsKey("page_count"), "FULL documents have no derived page_count");

        HttpFixture.Response filtered = http.postJson(HttpFixture.query("/documents",
                Map.of("skip", 0, "limit", 100)), "{\"document_filters\": {\"filename\": \"l-3.txt\"}}");
        assertEquals(List.of(LISTING.get(3).id()), ids(filtered.array()));

        HttpFixture.Response all = http.postJson(HttpFixture.query("/documents", Map.of("skip", 0, "limit", 100)), "{}");
        assertEquals(9, all.array().size());

        HttpFixture.Response endUser = http.postJson(HttpFixture.query("/documents",
                Map.of("skip", 0, "limit", 100, "end_user_id", "eve")), "{}");
        assertEquals(List.of(other.id()), ids(endUser.array()));
    }

    @Test
    void legacyBadInputs() {
        HttpFixture.Response limit = http.postJson("/documents?skip=0&limit=abc", "{}");
        assertEquals(422, limit.status(), limit.text());
        assertEquals("[\"query\",\"limit\"]", firstErrorLoc(limit));
        assertEquals(422, http.postJson("/documents?skip=-1&limit=10", "{}").status());
        assertEquals(422, http.postJson("/documents?skip=0&limit=0", "{}").status());
        assertEquals(400, http.postJson("/documents?skip=0&limit=10001", "{}").status());
        assertEquals(400, http.postJson("/documents?skip=0&limit=10",
                "{\"document_filters\": {\"n\": {\"$foo\": 1}}}").status());
    }

    @Test
    void headClientsGetTheListDocsObject() {
        // a list_docs-shaped body (no query paging) follows HEAD: POST /documents is list_docs
        HttpFixture.Response r = http.postJson(HttpFixture.query("/documents", Map.of("folder_name", "/listing")),
                sdkBody(0, 2).add("include_total_count", true).build());
        assertEquals(200, r.status(), r.text());
        JsonObject page = r.object();
        assertEquals(2, page.getInt("returned_count"));
        assertEquals(5, page.getInt("total_count"));
        assertEquals(2, page.getInt("next_skip"));

        // no body, no query: HEAD defaults
        assertEquals(9, http.postJson("/documents", "{}").object().getInt("returned_count"));
        // a list_docs-only key wins over query paging
        assertTrue(http.postJson("/documents?skip=0&limit=2", "{\"include_total_count\": true}").json()
                .getValueType() == JsonValue.ValueType.OBJECT);
    }
}
