package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import quire.spi.completion.ChatMessage;
import quire.spi.completion.CompletionException;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionRequest;
import quire.spi.completion.CompletionResult;

/** Structured (JSON) output: request shapes per json-mode, and what answers are accepted. */
class OpenAiStructuredOutputTest extends ProviderTestSupport {
    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"revenue\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"}}}";

    @Test
    void jsonSchemaModeSendsTheSchemaAndAcceptsAFencedAnswer() throws Exception {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("```json\n{\"revenue\": 12.5, \"currency\": \"EUR\"}\n```", "m", "stop", 9, 9)));
        CompletionResult result = provider(Map.of()).complete(ask(PROMPT).withJsonSchema(SCHEMA));

        assertEquals("{\"revenue\": 12.5, \"currency\": \"EUR\"}", result.text());
        JsonObject body = server.lastBody();
        JsonObject format = body.getJsonObject("response_format");
        assertEquals("json_schema", format.getString("type"));
        assertEquals("answer", format.getJsonObject("json_schema").getString("name"));
        assertFalse(format.getJsonObject("json_schema").getBoolean("strict"));
        assertEquals(parse(SCHEMA), format.getJsonObject("json_schema").getJsonObject("schema"));
        assertEquals("You answer from the given context.", messages(body).getJsonObject(0).getString("content"),
                "json_schema leaves the prompt alone");
    }

    @Test
    void anAnswerThatIsNotJsonIsRefused() {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("Revenue was about twelve million.", "m", "stop", 9, 9)))
                .then(FakeChatServer.json(200, FakeChatServer.completion("{\"revenue\": 12", "m", "length", 9, 9)));
        CompletionProvider provider = provider(Map.of());
        CompletionException e = assertThrows(CompletionException.class, () -> provider.complete(ask(PROMPT).withJsonSchema(SCHEMA)));
        assertFalse(e.unavailable());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("twelve"), "the answer text stays out of the message");

        CompletionException cut = assertThrows(CompletionException.class, () -> provider.complete(ask(PROMPT).withJsonSchema(SCHEMA)));
        assertTrue(cut.getMessage().contains("cut off at max-tokens"), cut.getMessage());
        assertEquals(2, server.received().size(), "a bad answer is not retried");
    }

    @Test
    void plainTextRequestsAcceptAnyText() throws Exception {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("```json\n{}\n```", "m", "stop", 1, 1)));
        assertEquals("```json\n{}\n```", provider(Map.of()).complete(ask(PROMPT)).text(), "only structured output is unwrapped");
    }

    @Test
    void jsonObjectModeAddsTheSchemaToTheSystemMessage() throws Exception {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("Sure! {\"revenue\": 3}", "m", "stop", 1, 1)));
        CompletionResult result = provider(Map.of("json-mode", "json_object")).complete(ask(PROMPT).withJsonSchema(SCHEMA));
        assertEquals("{\"revenue\": 3}", result.text(), "the object inside a chatty answer");
        JsonObject body = server.lastBody();
        assertEquals("json_object", body.getJsonObject("response_format").getString("type"));
        JsonArray messages = messages(body);
        assertEquals(2, messages.size(), "the instruction joins the existing system message");
        String system = messages.getJsonObject(0).getString("content");
        assertTrue(system.startsWith("You answer from the given context.\n\n"), system);
        assertTrue(system.contains("JSON") && system.contains("\"revenue\""), system);
    }

    @Test
    void promptModePutsAnInstructionFirstAndNoResponseFormat() throws Exception {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("<think>numbers...</think>\n[1, 2]", "m", "stop", 1, 1)));
        CompletionRequest request = CompletionRequest.of(List.of(ChatMessage.user(PROMPT))).withJsonSchema(SCHEMA);
        CompletionResult result = provider(Map.of("json-mode", "prompt")).complete(request);
        assertEquals("[1, 2]", result.text());
        JsonObject body = server.lastBody();
        assertFalse(body.containsKey("response_format"));
        JsonArray messages = messages(body);
        assertEquals("system", messages.getJsonObject(0).getString("role"));
        assertTrue(messages.getJsonObject(0).getString("content").contains("JSON schema"));
        assertEquals(PROMPT, messages.getJsonObject(1).getString("content"));
    }

    @Test
    void autoModeFallsBackWhenTheServerRefusesJsonSchemaAndRemembers() throws Exception {
        server.then(FakeChatServer.json(400, "{\"error\":{\"message\":\"response_format type json_schema is not supported\"}}"))
                .then(FakeChatServer.json(200, FakeChatServer.completion("{\"revenue\": 1}", "m", "stop", 1, 1)))
                .then(FakeChatServer.json(200, FakeChatServer.completion("{\"revenue\": 2}", "m", "stop", 1, 1)));
        CompletionProvider provider = provider(Map.of("json-mode", "auto"));
        assertEquals("{\"revenue\": 1}", provider.complete(ask(PROMPT).withJsonSchema(SCHEMA)).text());
        assertEquals("{\"revenue\": 2}", provider.complete(ask(PROMPT).withJsonSchema(SCHEMA)).text());
        List<FakeChatServer.Received> received = server.received();
        assertEquals(3, received.size());
        assertEquals("json_schema", received.get(0).body().getJsonObject("response_format").getString("type"));
        assertEquals("json_object", received.get(1).body().getJsonObject("response_format").getString("type"));
        assertEquals("json_object", received.get(2).body().getJsonObject("response_format").getString("type"), "learned");
    }

    @Test
    void jsonSchemaModeDoesNotFallBack() {
        server.then(FakeChatServer.json(400, "{\"error\":{\"message\":\"response_format type json_schema is not supported\"}}"));
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(Map.of()).complete(ask(PROMPT).withJsonSchema(SCHEMA)));
        assertFalse(e.unavailable());
        assertTrue(e.getMessage().contains("json_schema is not supported"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void streamedStructuredOutputDeliversRawPiecesAndReturnsTheJson() throws Exception {
        server.then(FakeChatServer.sseText(FakeChatServer.delta("```json\n{\"reve"), FakeChatServer.delta("nue\": 7}\n```"),
                FakeChatServer.finish("stop"), FakeChatServer.DONE));
        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider(Map.of()).stream(ask(PROMPT).withJsonSchema(SCHEMA), deltas::add);
        assertEquals("```json\n{\"revenue\": 7}\n```", String.join("", deltas));
        assertEquals("{\"revenue\": 7}", result.text());
        assertEquals("json_schema", server.lastBody().getJsonObject("response_format").getString("type"));
    }

    @Test
    void aSchemaThatIsNotAJsonObjectIsACallerError() {
        assertThrows(IllegalArgumentException.class, () -> provider(Map.of()).complete(ask(PROMPT).withJsonSchema("not json")));
        assertThrows(IllegalArgumentException.class, () -> provider(Map.of()).complete(ask(PROMPT).withJsonSchema("[1]")));
        assertEquals(0, server.received().size());
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static JsonArray messages(JsonObject body) {
        return body.getJsonArray("messages");
    }
}
