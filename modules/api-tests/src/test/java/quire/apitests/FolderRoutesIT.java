package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET|POST /folders}, {@code GET /folders/summary}, {@code POST /folders/details} and
 * {@code GET /folders/{x}} over real HTTP: shapes, nesting, idempotence, resolution by path,
 * id and name, and every bad input answered with a 4xx.
 */
class FolderRoutesIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture http;
    static FolderSeeds seeds;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir);
        http = server.http();
        seeds = new FolderSeeds(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject create(String json) {
        HttpFixture.Response r = http.postJson("/folders", json);
        assertEquals(200, r.status(), r.text());
        return r.object();
    }

    @Test
    void createsNestedFoldersWithEveryMissingAncestor() {
        JsonObject leaf = create("{\"name\":\"Q1\",\"full_path\":\"/Nest/Reports/Q1\",\"description\":\"first quarter\"}");
        assertEquals("Q1", leaf.getString("name"));
        assertEquals("/Nest/Reports/Q1", leaf.getString("full_path"));
        assertEquals(3, leaf.getInt("depth"));
        assertEquals("first quarter", leaf.getString("description"));
        assertEquals(List.of(), leaf.getJsonArray("document_ids"));
        assertEquals(0, leaf.getInt("child_count"));
        assertTrue(leaf.getJsonObject("system_metadata").containsKey("created_at"), leaf.toString());
        assertTrue(leaf.getJsonObject("system_metadata").containsKey("updated_at"), leaf.toString());

        JsonObject reports = http.get("/folders/Nest/Reports").object();
        assertEquals("/Nest/Reports", reports.getString("full_path"));
        assertEquals(2, reports.getInt("depth"));
        assertEquals(1, reports.getInt("child_count"));
        assertTrue(reports.isNull("description"), "only the leaf gets the description");
        assertEquals(reports.getString("id"), leaf.getString("parent_id"));
        JsonObject nest = http.get("/folders/Nest").object();
        assertEquals(nest.getString("id"), reports.getString("parent_id"));
        assertTrue(nest.isNull("parent_id"), nest.toString());
        assertEquals(1, nest.getInt("depth"));
    }

    @Test
    void createIsIdempotentAndNormalisesThePath() {
        JsonObject first = create("{\"name\":\"Idem\",\"description\":\"kept\"}");
        JsonObject again = create("{\"name\":\"ignored\",\"full_path\":\"  //Idem/ \",\"description\":\"not applied\"}");
        assertEquals(first.getString("id"), again.getString("id"));
        assertEquals("kept", again.getString("description"));
        assertEquals("/Idem", again.getString("full_path"));
        // a name with slashes is a path when no full_path is given; parent_id is ignored
        JsonObject nested = create("{\"name\":\"Idem/Child\",\"parent_id\":\"no-such-parent\",\"full_path\":\"\"}");
        assertEquals("/Idem/Child", nested.getString("full_path"));
        assertEquals(first.getString("id"), nested.getString("parent_id"));
        long count = http.get("/folders").array().stream()
                .filter(f -> f.asJsonObject().getString("full_path").equals("/Idem")).count();
        assertEquals(1, count);
    }

    @Test
    void createRefusesBadInput() {
        HttpFixture.Response root = http.postJson("/folders", "{\"name\":\"/\"}");
        assertEquals(400, root.status(), root.text());
        assertEquals("Root folder cannot be created", root.detail());
        HttpFixture.Response dots = http.postJson("/folders", "{\"name\":\"x\",\"full_path\":\"/a/../b\"}");
        assertEquals(400, dots.status(), dots.text());
        HttpFixture.Response blank = http.postJson("/folders", "{\"name\":\"   \"}");
        assertEquals(400, blank.status(), blank.text());
        HttpFixture.Response longSegment = http.postJson("/folders", Json.createObjectBuilder()
                .add("name", "x".repeat(300)).build());
        assertEquals(400, longSegment.status(), longSegment.text());

        HttpFixture.Response missing = http.postJson("/folders", "{\"description\":\"no name\"}");
        assertEquals(422, missing.status(), missing.text());
        JsonObject error = missing.object().getJsonArray("detail").getJsonObject(0);
        assertEquals("missing", error.getString("type"));
        assertEquals(List.of("body", "name"), error.getJsonArray("loc").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals(422, http.postJson("/folders", "{\"name\":5}").status());
        assertEquals(422, http.postJson("/folders", "{\"name\":\"ok\",\"description\":[]}").status());
        assertEquals(422, http.postJson("/folders", "[\"name\"]").status());
        assertEquals(422, http.postJson("/folders", "{\"name\":").status());
        assertEquals(422, http.postJson("/folders", "").status());
        assertTrue(http.get("/folders").array().stream()
                .noneMatch(f -> f.asJsonObject().getString("name").equals("ok")), "nothing created by a refused request");
    }

    @Test
    void listsSummariesAndDetailsWithDocumentCounts() {
        JsonObject a = create("{\"name\":\"Counted\"}");
        create("{\"name\":\"Empty\",\"full_path\":\"/Counted/Empty\"}");
        String d1 = seeds.text(FolderSeeds.DEV, "/Counted", "one.txt", "first document about folders").id();
        String d2 = seeds.text(FolderSeeds.DEV, "/Counted", "two.txt", "second document about folders").id();

        Map<String, JsonObject> listed = byPath(http.get("/folders").array());
        JsonObject counted = listed.get("/Counted");
        assertEquals(a.getString("id"), counted.getString("id"));
        assertEquals(Json.createArrayBuilder(List.of(d1, d2)).build().stream().sorted(FolderRoutesIT::byText).toList(),
                counted.getJsonArray("document_ids").stream().sorted(FolderRoutesIT::byText).toList());
        assertEquals(1, counted.getInt("child_count"));
        for (String key : List.of("id", "name", "description", "document_ids", "system_metadata", "app_id",
                "end_user_id", "full_path", "parent_id", "depth", "child_count", "summary_storage_key",
                "summary_version", "summary_bucket", "summary_updated_at")) {
            assertTrue(counted.containsKey(key), key + " in " + counted);
        }

        Map<String, JsonObject> summaries = byPath(http.get("/folders/summary").array());
        JsonObject s = summaries.get("/Counted");
        assertEquals(2, s.getInt("doc_count"));
        assertEquals(1, s.getInt("depth"));
        assertEquals("Counted", s.getString("name"));
        assertFalse(s.containsKey("document_ids"), "summaries are cheap: no document ids");
        assertEquals(0, summaries.get("/Counted/Empty").getInt("doc_count"));
        assertEquals(listed.keySet(), summaries.keySet());

        HttpFixture.Response details = http.postJson("/folders/details", "{\"identifiers\":[\"/Counted\",\"" + a.getString("id")
                + "\",\"Empty\"],\"include_status_counts\":true,\"include_documents\":true,\"document_limit\":1,"
                + "\"sort_by\":\"filename\",\"sort_direction\":\"asc\",\"document_fields\":[\"filename\"]}");
        assertEquals(200, details.status(), details.text());
        JsonArray entries = details.object().getJsonArray("folders");
        assertEquals(2, entries.size(), "the same folder named twice is listed once");
        JsonObject info = entries.getJsonObject(0).getJsonObject("document_info");
        assertEquals("/Counted", entries.getJsonObject(0).getJsonObject("folder").getString("full_path"));
        assertEquals(2, info.getInt("document_count"));
        assertEquals(2, info.getJsonObject("status_counts").getInt("completed"));
        assertEquals(1, info.getInt("returned_count"));
        assertTrue(info.getBoolean("has_more"));
        assertEquals(1, info.getInt("next_skip"));
        assertEquals("one.txt", info.getJsonArray("documents").getJsonObject(0).getString("filename"));
        assertEquals(0, entries.getJsonObject(1).getJsonObject("document_info").getInt("document_count"));

        JsonObject all = http.postJson("/folders/details", "{}").object();
        assertEquals(listed.size(), all.getJsonArray("folders").size());
        JsonObject noInfo = http.postJson("/folders/details",
                "{\"identifiers\":[\"Counted\"],\"include_document_count\":false}").object();
        assertEquals(JsonValue.NULL, noInfo.getJsonArray("folders").getJsonObject(0).get("document_info"));
    }

    @Test
    void detailsRefusesBadInput() {
        create("{\"name\":\"DetailsBad\"}");
        HttpFixture.Response unknown = http.postJson("/folders/details", "{\"identifiers\":[\"DetailsBad\",\"Nope\"]}");
        assertEquals(404, unknown.status(), unknown.text());
        assertEquals("Folder Nope not found", unknown.detail());
        for (String body : List.of("{\"document_skip\":-1}", "{\"document_limit\":-5}", "{\"sort_by\":\"size\"}",
                "{\"sort_direction\":\"up\"}", "{\"identifiers\":\"DetailsBad\"}", "{\"identifiers\":[1]}",
                "{\"include_documents\":\"maybe\"}", "{\"document_filters\":[1]}", "{\"document_fields\":\"x\"}", "[]", "")) {
            HttpFixture.Response r = http.postJson("/folders/details", body);
            assertEquals(422, r.status(), body + " -> " + r.text());
        }
        HttpFixture.Response badFilter = http.postJson("/folders/details",
                "{\"identifiers\":[\"DetailsBad\"],\"document_filters\":{\"x\":{\"$nope\":1}}}");
        assertEquals(400, badFilter.status(), badFilter.text());
        assertEquals(400, http.postJson("/folders/details", "{\"document_limit\":20000}").status());
    }

    @Test
    void getsByPathIdAndBareNameInThatOrder() {
        JsonObject top = create("{\"name\":\"Shared\"}");
        JsonObject deep = create("{\"name\":\"Shared\",\"full_path\":\"/Deep/Shared\"}");
        assertEquals(top.getString("id"), http.get("/folders/Shared").object().getString("id"), "path /Shared first");
        assertEquals(deep.getString("id"), http.get("/folders/Deep/Shared").object().getString("id"));
        assertEquals(deep.getString("id"), http.get("/folders/" + deep.getString("id")).object().getString("id"));
        JsonObject onlyDeep = create("{\"name\":\"Lonely\",\"full_path\":\"/Deeper/Lonely\"}");
        assertEquals(onlyDeep.getString("id"), http.get("/folders/Lonely").object().getString("id"),
                "a bare name finds a nested folder when no root folder has that path");
        // the SDK sends a path with its leading slash: folders//Deep/Shared
        assertEquals(deep.getString("id"), http.get("/folders//Deep/Shared").object().getString("id"));
        assertEquals("Folder /Deep/Nothing not found", http.get("/folders//Deep/Nothing").detail());
        assertEquals(deep.getString("id"), http.get("/folders/Deep%2FShared").object().getString("id"));
        assertEquals(deep.getString("id"), http.get("/folders/Deep/Shared/").object().getString("id"));
        assertEquals(200, head("/folders/Deep/Shared"));

        HttpFixture.Response missing = http.get("/folders/Deep/Nothing");
        assertEquals(404, missing.status());
        assertEquals("Folder Deep/Nothing not found", missing.detail());
        assertEquals(404, http.get("/folders/a/../b").status());
        assertEquals(404, http.get("/folders/%20").status());
        assertEquals(404, http.get("/folders/%00").status());
        assertEquals(404, http.get("/folders/x%C3").status());
        // NUL in a JSON body is refused at the door for every backend (NulCharactersIT)
        assertEquals(422, http.postJson("/folders/details", "{\"identifiers\":[\"a\\u0000b\"]}").status());
        assertEquals(422, http.postJson("/folders", "{\"name\":\"a\\u0000b\"}").status());
    }

    @Test
    void handlesEncodedCharactersInNames() {
        JsonObject odd = create("{\"name\":\"Q&A 100% #1?\",\"full_path\":\"/Über Reports/Q&A 100% #1?\"}");
        assertEquals("/Über Reports/Q&A 100% #1?", odd.getString("full_path"));
        String path = "/folders/" + HttpFixture.enc("Über Reports") + "/" + HttpFixture.enc("Q&A 100% #1?");
        assertEquals(odd.getString("id"), http.get(path).object().getString("id"));
        assertEquals(odd.getString("id"), http.get("/folders/" + HttpFixture.enc("/Über Reports/Q&A 100% #1?"))
                .object().getString("id"));
    }

    @Test
    void unservedFolderRoutesAreNotFound() {
        create("{\"name\":\"Ruled\"}");
        assertEquals(404, http.postJson("/folders/Ruled/set_rule", "{\"rules\":[]}").status());
        assertEquals(404, http.postJson("/folders/Ruled", "{}").status());
        assertEquals(404, http.get("/folders/Ruled/workflows").status());
        assertEquals(404, http.get("/folders/Ruled/summary").status());
        HttpFixture.Response put = http.putJson("/folders/Ruled", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(405, put.status(), put.text());
    }

    private static int head(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.url() + path)).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, JsonObject> byPath(JsonArray folders) {
        Map<String, JsonObject> out = new HashMap<>();
        for (JsonValue v : folders) {
            JsonObject f = v.asJsonObject();
            assertNotEquals(null, f.getString("full_path", null), f.toString());
            out.put(f.getString("full_path"), f);
        }
        return out;
    }

    private static int byText(JsonValue a, JsonValue b) {
        return a.toString().compareTo(b.toString());
    }
}
