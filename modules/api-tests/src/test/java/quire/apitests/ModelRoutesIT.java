package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model registry, saved models, API keys and model-config over real HTTP in jwt mode: secrets
 * are never served in clear, records are per (user, app), both slash spellings are served.
 */
class ModelRoutesIT {
    private static final String SECRET = "sk-live-0123456789-never-shown";

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture alice;
    static HttpFixture bobSameApp;
    static HttpFixture carolOtherApp;
    static HttpFixture aliceNoApp;

    @BeforeAll
    static void start() {
        server = TestingJwt.start(dir);
        alice = server.http().withToken(TestingJwt.token("alice", "app-m"));
        bobSameApp = server.http().withToken(TestingJwt.token("bob", "app-m"));
        carolOtherApp = server.http().withToken(TestingJwt.token("carol", "app-other"));
        aliceNoApp = server.http().withToken(TestingJwt.token("alice"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void modelsListTheConfiguredEmbedderAndNoCompletion() {
        HttpFixture.Response r = alice.get("/models");
        assertEquals(200, r.status(), r.text());
        JsonObject body = r.object();
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, body.getJsonArray("chat_models"));
        JsonArray embedding = body.getJsonArray("embedding_models");
        assertEquals(1, embedding.size());
        JsonObject model = embedding.getJsonObject(0);
        assertEquals("embedding", model.getString("id"));
        assertEquals(model.getString("model"), model.getJsonObject("config").getString("model_name"));
        assertEquals("custom", model.getString("provider"));
        assertEquals("embedding", body.getJsonObject("default_models").getString("embedding"));
        assertEquals(JsonValue.NULL, body.getJsonObject("default_models").get("completion"));
        assertEquals(List.of("openai", "anthropic", "google", "azure", "ollama", "custom"),
                body.getJsonArray("providers").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void availableIsMorphiksFixedListWithoutAConfiguredCompletionModel() {
        JsonArray models = alice.get("/models/available").object().getJsonArray("models");
        assertEquals(9, models.size());
        assertEquals("gpt-4o", models.getJsonObject(0).getString("id"));
        assertEquals("groq/llama-3.1-8b-instant", models.getJsonObject(8).getString("id"));
        for (JsonValue m : models) {
            for (String key : List.of("id", "name", "provider", "description")) {
                assertTrue(m.asJsonObject().containsKey(key), key);
            }
        }
    }

    @Test
    void savedModelsAreMaskedSharedWithinTheAppAndDeleted() {
        JsonObject body = Json.createObjectBuilder().add("name", "My GPT").add("provider", "openai")
                .add("config", Json.createObjectBuilder().add("model", "gpt-4o-mini").add("api_key", SECRET)).build();
        HttpFixture.Response saved = alice.postJson("/models", body);
        assertEquals(200, saved.status(), saved.text());
        assertFalse(saved.text().contains(SECRET));
        JsonObject model = saved.object();
        assertEquals("My GPT", model.getString("name"));
        assertEquals("***", model.getJsonObject("config").getString("api_key"));
        assertEquals("gpt-4o-mini", model.getJsonObject("config").getString("model"));
        assertTrue(model.getString("created_at").endsWith("+00:00"));
        String id = model.getString("id");

        HttpFixture.Response listed = bobSameApp.get("/models/custom");
        assertFalse(listed.text().contains(SECRET));
        assertTrue(listed.array().stream().anyMatch(v -> v.asJsonObject().getString("id").equals(id)));
        assertFalse(carolOtherApp.get("/models/custom").text().contains(id));
        // the FULL custom-model list reads the same record
        JsonObject custom = alice.get("/model-config/custom-models/list").array().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("gpt-4o-mini", custom.getString("model_name"));

        assertEquals(404, carolOtherApp.delete("/models/" + id).status());
        HttpFixture.Response deleted = bobSameApp.delete("/models/" + id);
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals("Model deleted successfully", deleted.object().getString("message"));
        HttpFixture.Response again = alice.delete("/models/" + id);
        assertEquals(404, again.status());
        assertEquals("Model not found", again.detail());
    }

    @Test
    void savedModelsNeedAnAppAndAValidBody() {
        HttpFixture.Response noApp = aliceNoApp.postJson("/models", "{\"name\":\"x\",\"provider\":\"p\",\"config\":{}}");
        assertEquals(400, noApp.status());
        assertEquals("User ID and App ID are required", noApp.detail());
        assertEquals(400, aliceNoApp.get("/models/custom").status());
        assertEquals(400, aliceNoApp.get("/api-keys").status());
        assertEquals(400, aliceNoApp.get("/model-config").status());
        HttpFixture.Response badConfig = alice.postJson("/models", "{\"name\":\"x\",\"provider\":\"p\",\"config\":\"no\"}");
        assertEquals(422, badConfig.status());
        assertEquals("dict_type", badConfig.object().getJsonArray("detail").getJsonObject(0).getString("type"));
        HttpFixture.Response missing = alice.postJson("/models", "{\"provider\":\"p\"}");
        assertEquals(422, missing.status());
        assertEquals(2, missing.object().getJsonArray("detail").size());
        assertEquals(422, alice.postJson("/models", "not json").status());
    }

    @Test
    void apiKeysAreNeverReturnedInClearAndReplacedPerProvider() {
        HttpFixture.Response saved = alice.postJson("/api-keys", Json.createObjectBuilder().add("provider", "anthropic")
                .add("api_key", SECRET).add("base_url", "https://llm.example").build());
        assertEquals(200, saved.status(), saved.text());
        assertEquals("API key saved successfully", saved.object().getString("message"));
        assertEquals(200, alice.postJson("/api-keys", Json.createObjectBuilder().add("provider", "anthropic")
                .add("api_key", SECRET + "-2").build()).status());

        HttpFixture.Response keys = bobSameApp.get("/api-keys");
        assertFalse(keys.text().contains(SECRET), keys.text());
        JsonObject anthropic = keys.object().getJsonObject("anthropic");
        assertEquals("***", anthropic.getString("apiKey"));
        assertTrue(anthropic.getBoolean("configured"));
        assertEquals(JsonValue.NULL, anthropic.get("baseUrl")); // replaced by the second save
        assertFalse(carolOtherApp.get("/api-keys").object().containsKey("anthropic"));
        // one record per provider, masked in model-config too
        HttpFixture.Response configs = alice.get("/model-config");
        assertFalse(configs.text().contains(SECRET));
        assertEquals(1, configs.array().stream().filter(c -> c.asJsonObject().getString("provider").equals("anthropic"))
                .count());

        HttpFixture.Response bad = alice.postJson("/api-keys", "{\"provider\":\"openai\"}");
        assertEquals(422, bad.status());
        assertEquals(400, alice.postJson("/api-keys", "{\"provider\":\"custom\",\"api_key\":\"k\"}").status());
    }

    @Test
    void modelConfigCrudAnswersBothSlashSpellingsAndMasksKeys() {
        JsonObject body = Json.createObjectBuilder().add("provider", "openai").add("config_data", Json.createObjectBuilder()
                .add("apiKey", SECRET).add("nested", Json.createObjectBuilder().add("API_KEY", SECRET).add("api-key", ""))
                .add("baseUrl", "https://api.example")).build();
        HttpFixture.Response created = alice.postJson("/model-config", body);
        assertEquals(200, created.status(), created.text());
        HttpFixture.Response createdSlash = alice.postJson("/model-config/", body);
        assertEquals(200, createdSlash.status(), createdSlash.text());
        assertFalse(created.text().contains(SECRET));
        JsonObject record = created.object();
        assertEquals("***", record.getJsonObject("config_data").getString("apiKey"));
        assertEquals("***", record.getJsonObject("config_data").getJsonObject("nested").getString("API_KEY"));
        assertEquals("", record.getJsonObject("config_data").getJsonObject("nested").getString("api-key"));
        assertEquals("https://api.example", record.getJsonObject("config_data").getString("baseUrl"));
        String id = record.getString("id");

        for (String path : List.of("/model-config", "/model-config/")) {
            HttpFixture.Response list = bobSameApp.get(path);
            assertEquals(200, list.status(), path);
            assertFalse(list.text().contains(SECRET));
            assertTrue(list.text().contains(id), path);
        }
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, carolOtherApp.get("/model-config/").json());
        assertEquals("openai", alice.get("/model-config/" + id).object().getString("provider"));
        HttpFixture.Response foreign = carolOtherApp.get("/model-config/" + id);
        assertEquals(404, foreign.status());
        assertEquals("Model configuration not found", foreign.detail());

        HttpFixture.Response updated = alice.putJson("/model-config/" + id, Json.createObjectBuilder()
                .add("config_data", Json.createObjectBuilder().add("apiKey", "new-" + SECRET).add("temperature", 0.2)).build());
        assertEquals(200, updated.status(), updated.text());
        assertFalse(updated.text().contains(SECRET));
        assertEquals(0.2, updated.object().getJsonObject("config_data").getJsonNumber("temperature").doubleValue());
        assertFalse(updated.object().getJsonObject("config_data").containsKey("baseUrl"));
        assertEquals(404, carolOtherApp.putJson("/model-config/" + id,
                Json.createObjectBuilder().add("config_data", JsonValue.EMPTY_JSON_OBJECT).build()).status());
        assertEquals(422, alice.putJson("/model-config/" + id, JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(422, alice.postJson("/model-config/", "{\"provider\":\"x\",\"config_data\":[1]}").status());

        assertEquals(404, carolOtherApp.delete("/model-config/" + id).status());
        HttpFixture.Response deleted = alice.delete("/model-config/" + id);
        assertEquals(200, deleted.status());
        assertEquals("Model configuration deleted successfully", deleted.object().getString("message"));
        assertEquals(404, alice.get("/model-config/" + id).status());
    }

    @Test
    void customModelsOfModelConfigAreCreatedAndListed() {
        HttpFixture.Response created = alice.postJson("/model-config/custom-models", Json.createObjectBuilder()
                .add("name", "Local llama").add("provider", "ollama").add("model_name", "llama3.2")
                .add("config", Json.createObjectBuilder().add("api_base", "http://localhost:11434")
                        .add("api_key", SECRET)).build());
        assertEquals(200, created.status(), created.text());
        assertFalse(created.text().contains(SECRET));
        String id = created.object().getString("id");
        assertEquals("llama3.2", created.object().getString("model_name"));
        HttpFixture.Response list = bobSameApp.get("/model-config/custom-models/list");
        assertFalse(list.text().contains(SECRET));
        JsonObject listed = list.array().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("ollama", listed.getString("provider"));
        assertEquals("***", listed.getJsonObject("config").getString("api_key"));
        assertEquals(422, alice.postJson("/model-config/custom-models", "{\"name\":\"x\"}").status());
    }

    @Test
    void devModeKeepsRecordsOfCallersWithoutAnAppUnderAppDev(@TempDir Path devDir) {
        try (QuireTestServer dev = QuireTestServer.start(devDir)) {
            HttpFixture http = dev.http();
            assertEquals(200, http.postJson("/models", "{\"name\":\"n\",\"provider\":\"p\",\"config\":{}}").status());
            assertEquals(1, http.get("/models/custom").array().size());
            assertEquals(200, http.get("/model-config").status());
        }
    }
}
