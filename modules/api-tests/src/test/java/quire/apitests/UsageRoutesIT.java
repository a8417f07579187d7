package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage records made by real operations over real HTTP (jwt mode, two users and an app), read
 * back through {@code /usage/*} and {@code /logs}, and still there after a restart.
 */
class UsageRoutesIT {
    private static final String TEXT = "seven words of text to count here";

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture alice;
    static HttpFixture bob;
    /** A third user, in an app: alice without an app would also own records made under an app. */
    static HttpFixture daveInApp;

    @BeforeAll
    static void start() {
        server = TestingJwt.start(dir);
        alice = server.http().withToken(TestingJwt.token("alice"));
        bob = server.http().withToken(TestingJwt.token("bob"));
        daveInApp = server.http().withToken(TestingJwt.token("dave", "app-u"));
        HttpFixture.Response ingested = alice.postJson("/ingest/text",
                "{\"content\":\"" + TEXT + "\",\"filename\":\"u.txt\"}");
        assertEquals(200, ingested.status(), ingested.text());
        assertEquals(200, alice.get("/folders").status());
        assertEquals(404, alice.get("/folders/missing-folder").status());
        assertEquals(422, alice.postJson("/ingest/text", "{\"filename\":\"no content\"}").status());
        assertEquals(401, server.http().get("/folders").status()); // no caller: nothing recorded
        assertEquals(200, bob.get("/folders").status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonObject> objects(HttpFixture.Response r) {
        assertEquals(200, r.status(), r.text());
        return r.array().stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    void statsSumTokensPerOperationOfTheCaller() {
        JsonObject stats = alice.get("/usage/stats").object();
        assertEquals(7 + 0, stats.getInt("ingest_text")); // the refused request had no content
        assertEquals(0, stats.getInt("list_folders"));
        assertEquals(0, stats.getInt("get_folder"));
        assertEquals(Map.of("list_folders", 0), bob.get("/usage/stats").object().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> ((jakarta.json.JsonNumber) e.getValue()).intValue())));
    }

    @Test
    void recentRecordsAreFilteredByOperationStatusAndSince() {
        List<JsonObject> all = objects(alice.get("/usage/recent"));
        assertEquals(4, all.size());
        JsonObject newest = all.get(0);
        assertEquals("ingest_text", newest.getString("operation_type"));
        assertEquals("error", newest.getString("status"));
        for (String key : List.of("timestamp", "tokens_used", "user_id", "duration_ms", "metadata")) {
            assertTrue(newest.containsKey(key), key);
        }
        assertEquals("alice", newest.getString("user_id"));

        List<JsonObject> ingests = objects(alice.get("/usage/recent?operation_type=ingest_text"));
        assertEquals(List.of("error", "success"), ingests.stream().map(o -> o.getString("status")).toList());
        assertEquals(7, ingests.get(1).getInt("tokens_used"));
        assertEquals("/ingest/text", ingests.get(1).getJsonObject("metadata").getString("path"));
        assertEquals(List.of("get_folder", "ingest_text"), objects(alice.get("/usage/recent?status=error")).stream()
                .map(o -> o.getString("operation_type")).sorted().toList());
        assertEquals(List.of(), objects(alice.get("/usage/recent?since=2999-01-01T00:00:00Z")));
        assertEquals(4, objects(alice.get("/usage/recent?since=2000-01-01T00:00:00")).size());
        HttpFixture.Response bad = alice.get("/usage/recent?since=yesterday");
        assertEquals(422, bad.status());
        assertEquals("since", bad.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").getString(1));
        assertEquals(1, objects(bob.get("/usage/recent")).size());
    }

    @Test
    void logsServeBothSpellingsWithLimitHoursTypeAndStatus() {
        List<JsonObject> logs = objects(alice.get("/logs/"));
        assertEquals(4, logs.size());
        assertEquals(logs, objects(alice.get("/logs")));
        JsonObject error = objects(alice.get("/logs/?op_type=get_folder&status=error")).get(0);
        assertTrue(error.getString("error").contains("missing-folder"), error.toString());
        assertEquals(JsonValue.NULL, error.get("app_id"));
        assertEquals(404, error.getJsonObject("metadata").getInt("status_code"));
        for (String key : List.of("timestamp", "user_id", "operation_type", "status", "tokens_used", "duration_ms")) {
            assertTrue(error.containsKey(key), key);
        }
        JsonObject invalid = objects(alice.get("/logs?op_type=ingest_text&status=error")).get(0);
        assertTrue(invalid.getString("error").startsWith("Request validation failed: missing at body.content"),
                invalid.getString("error"));
        assertEquals(1, objects(alice.get("/logs?limit=1&hours=168")).size());
        assertEquals(JsonValue.NULL, objects(alice.get("/logs?op_type=list_folders")).get(0).get("error"));
        assertEquals(List.of(), objects(alice.get("/logs?since=2999-01-01T00:00:00%2B00:00")));
        for (String query : List.of("limit=0", "limit=501", "hours=0.05", "hours=169", "hours=x", "since=nope")) {
            HttpFixture.Response r = alice.get("/logs/?" + query);
            assertEquals(422, r.status(), query + " " + r.text());
        }
        assertFalse(objects(bob.get("/logs")).stream().anyMatch(o -> o.getString("user_id").equals("alice")));
    }

    @Test
    void appStorageNeedsAnAppAndCountsItsDocuments() {
        HttpFixture.Response noApp = server.http().withToken(TestingJwt.token("dave")).get("/usage/app-storage");
        assertEquals(400, noApp.status());
        assertEquals("app_id is required", noApp.detail());
        HttpFixture.Response ingested = daveInApp.postJson("/ingest/text", "{\"content\":\"" + "word ".repeat(3000)
                + "\",\"filename\":\"big.txt\"}");
        assertEquals(200, ingested.status(), ingested.text());
        JsonObject usage = daveInApp.get("/usage/app-storage").object();
        assertEquals("app-u", usage.getString("app_id"));
        assertEquals(1, usage.getInt("document_count"));
        assertEquals(0.01, usage.getJsonNumber("doc_raw_bytes_mb").doubleValue()); // 15,000 bytes
        for (String key : List.of("chunk_raw_bytes_mb", "multivector_mb", "total_mb")) {
            assertTrue(usage.containsKey(key), key);
        }
        // the app's own record names it
        JsonObject record = objects(daveInApp.get("/logs?op_type=ingest_text")).get(0);
        assertEquals("app-u", record.getString("app_id"));
        assertEquals(3000, record.getInt("tokens_used"));
    }

    @Test
    void recordsSurviveARestartOnTheSameDataDirectory(@TempDir Path data) {
        try (QuireTestServer first = QuireTestServer.start(data)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, first.http().get("/folders").status());
            }
            assertEquals(200, first.http().postJson("/folders", "{\"name\":\"kept\"}").status());
        } // closing writes whatever is still queued
        try (QuireTestServer second = QuireTestServer.start(data)) {
            JsonArray logs = second.http().get("/logs?hours=168").array();
            assertEquals(List.of("create_folder", "list_folders", "list_folders", "list_folders"),
                    logs.stream().map(v -> v.asJsonObject().getString("operation_type")).toList());
            assertEquals(0, second.http().get("/usage/stats").object().getInt("list_folders"));
        }
    }
}
