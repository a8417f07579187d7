package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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

import quire.spi.storage.DocumentRecord;

/**
 * {@code POST /query} on a server with no language model configured (the shipped default):
 * answers are the retrieved sentences, quoted and labelled extractive, with sources and usage;
 * streamed as Morphik's SSE frames; chat turns kept; and the request validation of the
 * CompletionQueryRequest (422/400 shapes).
 */
class QueryExtractiveIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture http;
    static DocumentRecord volcano;
    static DocumentRecord bread;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir, Map.of("quire.embedder.testing.dimensions", "512"));
        http = server.http();
        TestingDocuments docs = new TestingDocuments(server);
        volcano = docs.text(TestingDocuments.DEV, "volcano.txt", "Volcanoes erupt when magma pressure builds "
                + "beneath the crust. Lava cools into basalt. The island chain formed over a hot spot.");
        bread = docs.text(TestingDocuments.DEV, "bread.txt", "Sourdough bread rises with a starter culture. "
                + "Bakers feed the starter flour and water every day.");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The body the Python SDK 1.x sends: null keys removed. */
    static JsonObjectBuilder sdkBody(String query) {
        return Json.createObjectBuilder().add("query", query).add("k", 4).add("min_score", 0.0)
                .add("use_colpali", true);
    }

    @Test
    void healthSaysAnswersAreExtractive() {
        JsonObject completion = service(http.get("/health").object(), "completion");
        assertEquals("healthy", completion.getString("status"));
        assertEquals("extractive (no LLM configured)", completion.getJsonObject("details").getString("provider"));
    }

    @Test
    void answersWithTheRetrievedSentencesLabelledExtractive() {
        HttpFixture.Response r = http.postJson("/query", sdkBody("Why do volcanoes erupt?").build());
        assertEquals(200, r.status(), r::text);
        JsonObject body = r.object();
        String completion = body.getString("completion");
        assertTrue(completion.startsWith("> "), "quoted: " + completion);
        assertTrue(completion.contains("Volcanoes erupt when magma pressure builds beneath the crust."), completion);
        assertFalse(completion.contains("Sourdough"), "unrelated sentences are left out: " + completion);
        JsonObject metadata = body.getJsonObject("metadata");
        assertEquals("extractive", metadata.getString("answered_by"));
        assertTrue(metadata.getBoolean("extractive"));
        assertTrue(metadata.getString("note").contains("No language model is configured"));
        JsonObject usage = body.getJsonObject("usage");
        assertEquals(Json.createObjectBuilder().add("prompt_tokens", 0).add("completion_tokens", 0)
                .add("total_tokens", 0).build(), usage);
        assertEquals("stop", body.getString("finish_reason"));
        JsonArray sources = body.getJsonArray("sources");
        assertEquals(2, sources.size(), "both documents were retrieved (k=4): " + sources);
        JsonObject best = sources.getJsonObject(0);
        assertEquals(volcano.id(), best.getString("document_id"));
        assertEquals(0, best.getInt("chunk_number"));
        double score = best.getJsonNumber("score").doubleValue();
        assertTrue(score > sources.getJsonObject(1).getJsonNumber("score").doubleValue() && score <= 1.0, sources::toString);
        assertEquals(Json.createArrayBuilder().add("document_id").add("chunk_number").add("score").build(),
                Json.createArrayBuilder(best.keySet()).build());
    }

    @Test
    void nothingRetrievedIsSaidPlainly() {
        HttpFixture.Response r = http.postJson("/query", sdkBody("Why do volcanoes erupt?")
                .add("end_user_id", "nobody").build());
        assertEquals(200, r.status(), r::text);
        assertEquals("No relevant passages were found in your documents for this question.",
                r.object().getString("completion"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, r.object().getJsonArray("sources"));
    }

    @Test
    void streamsTheExtractiveAnswerAsMorphikFrames() {
        String expected = http.postJson("/query", sdkBody("How does sourdough bread rise?").add("k", 1).build())
                .object().getString("completion");
        try (SseClient sse = SseClient.post(server.url() + "/query",
                sdkBody("How does sourdough bread rise?").add("k", 1).add("stream_response", true).build())) {
            assertEquals(200, sse.status());
            assertEquals("text/event-stream; charset=utf-8", sse.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("no-cache", sse.headers().firstValue("Cache-Control").orElseThrow());
            List<String> frames = sse.rest();
            assertEquals(2, frames.size(), frames::toString);
            assertEquals(SseClient.assistantFrame(expected), frames.get(0));
            JsonObject done = SseClient.data(frames.get(1));
            assertEquals("done", done.getString("type"));
            assertEquals(bread.id(), done.getJsonArray("sources").getJsonObject(0).getString("document_id"));
        }
    }

    @Test
    void aSchemaWithoutAModelGetsALabelledObjectQuotingThePassages() {
        JsonObject schema = Json.createObjectBuilder().add("title", "Answer").add("type", "object")
                .add("properties", Json.createObjectBuilder().add("cause", Json.createObjectBuilder().add("type", "string")))
                .build();
        HttpFixture.Response r = http.postJson("/query", sdkBody("Why do volcanoes erupt?\nRespond with JSON.")
                .add("schema", schema).add("stream_response", true).build());
        assertEquals(200, r.status(), r::text);
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"),
                "a schema turns streaming off");
        JsonObject completion = r.object().getJsonObject("completion");
        assertTrue(completion.getString("answer").contains("magma pressure"), completion::toString);
        assertTrue(completion.getString("note").contains("No language model"), completion::toString);
        assertTrue(r.object().getJsonObject("metadata").getBoolean("extractive"));
    }

    @Test
    void chatTurnsAreKeptForExtractiveAnswersToo() {
        JsonObject first = http.postJson("/query", sdkBody("What does lava cool into?").add("chat_id", "geo-chat").build())
                .object();
        JsonArray history = http.get("/chat/geo-chat").array();
        assertEquals(2, history.size(), history::toString);
        assertEquals("user", history.getJsonObject(0).getString("role"));
        assertEquals("What does lava cool into?", history.getJsonObject(0).getString("content"));
        assertEquals("assistant", history.getJsonObject(1).getString("role"));
        assertEquals(first.getString("completion"), history.getJsonObject(1).getString("content"));
        JsonObject listed = http.get("/chats").array().stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("chat_id").equals("geo-chat")).findFirst().orElseThrow();
        assertEquals("What does lava cool into?", listed.getString("title"));
    }

    @Test
    void promptOverridesAreValidatedLikeMorphiks() {
        HttpFixture.Response noPlaceholders = http.postJson("/query", sdkBody("volcano").add("prompt_overrides",
                Json.createObjectBuilder().add("query", Json.createObjectBuilder()
                        .add("prompt_template", "Answer {question} briefly."))).build());
        assertEquals(422, noPlaceholders.status(), noPlaceholders::text);
        assertTrue(noPlaceholders.detail().startsWith("Invalid prompt override: "), noPlaceholders::text);
        assertTrue(noPlaceholders.detail().contains("{context}"), noPlaceholders::text);

        HttpFixture.Response unknownKey = http.postJson("/query", sdkBody("volcano").add("prompt_overrides",
                Json.createObjectBuilder().add("qurey", Json.createObjectBuilder())).build());
        assertEquals(422, unknownKey.status(), unknownKey::text);
        JsonObject error = unknownKey.object().getJsonArray("detail").getJsonObject(0);
        assertEquals("extra_forbidden", error.getString("type"));
        assertEquals(Json.createArrayBuilder().add("body").add("prompt_overrides").add("qurey").build(),
                error.getJsonArray("loc"));

        HttpFixture.Response unknownInner = http.postJson("/query", sdkBody("volcano").add("prompt_overrides",
                Json.createObjectBuilder().add("query", Json.createObjectBuilder().add("system", "x"))).build());
        assertEquals(422, unknownInner.status(), unknownInner::text);

        HttpFixture.Response topLevel = http.postJson("/query", sdkBody("volcano")
                .add("prompt_template", "no placeholders").build());
        assertEquals(422, topLevel.status(), "an older client's top-level prompt_template is checked too");

        HttpFixture.Response good = http.postJson("/query", sdkBody("volcano").add("prompt_overrides",
                Json.createObjectBuilder().add("query", Json.createObjectBuilder()
                        .add("prompt_template", "{context}\n\nQ: {question}").add("system_prompt", "Be brief."))
                        .add("entity_extraction", Json.createObjectBuilder().add("prompt_template", "x"))).build());
        assertEquals(200, good.status(), good::text);
    }

    @Test
    void badInputsAreClientErrors() {
        assertValidation(sdkBody("volcano").add("k", 0).build(), "greater_than", "k");
        assertValidation(sdkBody("volcano").add("max_tokens", 0).build(), "greater_than", "max_tokens");
        assertValidation(sdkBody("volcano").add("temperature", "hot").build(), "float_parsing", "temperature");
        assertValidation(sdkBody("volcano").add("schema", "not an object").build(), "dict_type", "schema");
        assertValidation(sdkBody("volcano").add("stream_response", "maybe").build(), "bool_parsing", "stream_response");
        assertValidation(sdkBody("volcano").add("llm_config", Json.createObjectBuilder().add("model", 5)).build(),
                "string_type", "llm_config");
        HttpFixture.Response noQuery = http.postJson("/query", Json.createObjectBuilder().add("k", 2).build());
        assertEquals(422, noQuery.status(), noQuery::text);

        HttpFixture.Response badFilter = http.postJson("/query", sdkBody("volcano")
                .add("filters", Json.createObjectBuilder().add("year", Json.createObjectBuilder().add("$near", 3)))
                .build());
        assertEquals(400, badFilter.status(), badFilter::text);
        assertTrue(badFilter.detail().contains("$near"), badFilter::text);

        HttpFixture.Response image = http.postJson("/query", Json.createObjectBuilder().add("query_image", "aGVsbG8=")
                .build());
        assertEquals(400, image.status(), image::text);

        HttpFixture.Response badFolder = http.postJson("/query", sdkBody("volcano").add("folder_name", "/a/../b").build());
        assertEquals(400, badFolder.status(), badFolder::text);

        HttpFixture.Response notJson = http.postJson("/query", "{\"query\": ");
        assertEquals(422, notJson.status(), notJson::text);
    }

    @Test
    void keysOfOtherVersionsAreAccepted() {
        HttpFixture.Response r = http.postJson("/query", sdkBody("volcano").add("graph_name", "g").add("hop_depth", 2)
                .add("include_paths", true).add("inline_citations", true).add("padding", 1)
                .add("llm_config", Json.createObjectBuilder().add("api_key", "sk-not-used")).addNull("chat_id")
                .build());
        assertEquals(200, r.status(), r::text);
        assertNull(r.object().getJsonObject("metadata").get("graph"));
    }

    private static void assertValidation(JsonObject body, String type, String field) {
        HttpFixture.Response r = http.postJson("/query", body);
        assertEquals(422, r.status(), r::text);
        JsonObject error = r.object().getJsonArray("detail").getJsonObject(0);
        assertEquals(type, error.getString("type"), r::text);
        assertEquals(field, error.getJsonArray("loc").getString(1), r::text);
    }

    static JsonObject service(JsonObject health, String name) {
        return health.getJsonArray("services").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + health));
    }
}
