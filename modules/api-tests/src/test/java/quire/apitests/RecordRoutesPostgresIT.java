package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.chat.ChatService;
import quire.spi.storage.AccessScope;

/**
 * Smoke test of the chat, model-config and usage routes on PostgreSQL (skipped with a message
 * without {@code QUIRE_TEST_PG_URL}): records written through one server are read back through
 * a second one on the same database.
 */
class RecordRoutesPostgresIT {
    @TempDir
    Path dir;

    @Test
    void chatsModelConfigsAndUsageRoundTripThroughPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.createOrSkip()) {
            Map<String, String> overrides = Map.of("quire.storage.jdbc.url", pg.url());
            try (QuireTestServer first = QuireTestServer.start(dir.resolve("a"), overrides)) {
                ChatService chats = first.server().records().orElseThrow().chats();
                chats.append(new AccessScope("dev_user", null), "pg-chat", List.of(chats.message("user", "on postgres"),
                        chats.message("assistant", "yes")));
                HttpFixture http = first.http();
                assertEquals(200, http.patch("/chats/pg-chat/title?title=pg").status());
                assertEquals(200, http.postJson("/model-config", "{\"provider\":\"openai\",\"config_data\":{\"apiKey\":\"sk-pg\"}}").status());
                assertEquals(200, http.postJson("/ingest/text", "{\"content\":\"three little words\"}").status());
                assertEquals(200, http.get("/folders").status());
            }
            try (QuireTestServer second = QuireTestServer.start(dir.resolve("b"), overrides)) {
                HttpFixture http = second.http();
                assertEquals("pg", http.get("/chats").array().getJsonObject(0).getString("title"));
                assertEquals(2, http.get("/chat/pg-chat").array().size());
                HttpFixture.Response configs = http.get("/model-config/");
                assertFalse(configs.text().contains("sk-pg"));
                assertEquals("***", configs.array().getJsonObject(0).getJsonObject("config_data").getString("apiKey"));
                assertEquals(3, http.get("/usage/stats").object().getInt("ingest_text"));
                assertEquals(List.of("list_folders", "ingest_text"), http.get("/logs?hours=1").array().stream()
                        .map(JsonValue::asJsonObject).map(o -> o.getString("operation_type")).toList());
            }
        }
    }
}
