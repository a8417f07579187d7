package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.QueryExtractiveIT.sdkBody;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.plugin.llm.openai.OpenAiCompletionProviderFactory;

/**
 * Smoke test of {@code /query} on PostgreSQL (skipped with a message without
 * {@code QUIRE_TEST_PG_URL}): a conversation started through one server continues through a
 * second one on the same database, whose model receives the earlier turns.
 */
class QueryPostgresIT {
    @TempDir
    Path dir;

    @Test
    void aConversationContinuesOnAnotherServer() throws Exception {
        try (PostgresSchema pg = PostgresSchema.createOrSkip(); TestingOpenAiServer model = new TestingOpenAiServer()) {
            Map<String, String> overrides = Map.of("quire.storage.jdbc.url", pg.url(),
                    "quire.completion.provider", "openai",
                    "quire.completion.openai.base-url", model.baseUrl(),
                    "quire.completion.openai.model", "test-model",
                    "quire.completion.openai.max-retries", "0");
            try (QuireTestServer first = QuireTestServer.start(dir.resolve("a"), overrides, Map.of(),
                    List.of(new OpenAiCompletionProviderFactory()))) {
                new TestingDocuments(first).text(TestingDocuments.DEV, "volcano.txt", "Volcanoes erupt when magma rises.");
                model.then(TestingOpenAiServer.answer("Magma rises.", 9, 2));
                JsonObject answer = first.http().postJson("/query", sdkBody("Why do volcanoes erupt?")
                        .add("chat_id", "pg-query").build()).object();
                assertEquals("Magma rises.", answer.getString("completion"));
                assertEquals(1, answer.getJsonArray("sources").size());
            }
            try (QuireTestServer second = QuireTestServer.start(dir.resolve("b"), overrides, Map.of(),
                    List.of(new OpenAiCompletionProviderFactory()))) {
                model.then(TestingOpenAiServer.answer("Because of pressure.", 9, 2));
                HttpFixture.Response r = second.http().postJson("/query", sdkBody("And why does it rise?")
                        .add("chat_id", "pg-query").build());
                assertEquals(200, r.status(), r::text);
                TestingOpenAiServer.Received sent = model.last();
                assertEquals("Why do volcanoes erupt?", sent.content(1));
                assertEquals("Magma rises.", sent.content(2));
                assertTrue(sent.content(3).contains("Volcanoes erupt when magma rises."), sent.content(3));
                assertEquals(4, second.http().get("/chat/pg-query").array().size());
            }
        }
    }
}
