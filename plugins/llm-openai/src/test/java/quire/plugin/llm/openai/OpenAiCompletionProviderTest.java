package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import quire.spi.completion.ChatMessage;
import quire.spi.completion.CompletionException;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionRequest;
import quire.spi.completion.CompletionResult;

/** Plain (non-streamed) completions against a real HTTP server speaking OpenAI's wire format. */
class OpenAiCompletionProviderTest extends ProviderTestSupport {

    @Test
    void completesAndReportsModelFinishReasonAndUsage() throws Exception {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("Revenue rose 12%.", "test-model-2024", "stop", 812, 97)));
        CompletionResult result = provider(Map.of()).complete(ask(PROMPT));

        assertEquals(new CompletionResult("Revenue rose 12%.", "test-model-2024", "stop", 812, 97), result);
        assertEquals(909, result.totalTokens());
        FakeChatServer.Received received = server.received().getFirst();
        assertEquals("/v1/chat/completions", received.path());
        JsonObject body = received.body();
        assertEquals("test-model", body.getString("model"));
        assertEquals(2, body.getJsonArray("messages").size());
        assertEquals("system", body.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals(PROMPT, body.getJsonArray("messages").getJsonObject(1).getString("content"));
        assertFalse(body.getBoolean("stream"));
        assertFalse(body.containsKey("max_tokens"));
        assertFalse(body.containsKey("temperature"));
        assertFalse(body.containsKey("response_format"));
        assertFalse(body.containsKey("stream_options"));
    }

    @Test
    void configuredDefaultsAreSentAndRequestsOverrideThem() throws Exception {
        CompletionProvider provider = provider(Map.of("max-tokens", "256", "temperature", "0.2"));
        provider.complete(ask(PROMPT));
        JsonObject defaults = server.lastBody();
        assertEquals(256, defaults.getInt("max_tokens"));
        assertEquals(0.2, defaults.getJsonNumber("temperature").doubleValue(), 1e-9);

        CompletionResult result = provider.complete(new CompletionRequest(List.of(ChatMessage.user(PROMPT)), "other-model", 32, 0.9,
                null, Map.of("top_p", "0.5", "seed", "7", "unknown_option", "x")));
        JsonObject overridden = server.lastBody();
        assertEquals("other-model", overridden.getString("model"));
        assertEquals(32, overridden.getInt("max_tokens"));
        assertEquals(0.9, overridden.getJsonNumber("temperature").doubleValue(), 1e-9);
        assertEquals(0.5, overridden.getJsonNumber("top_p").doubleValue(), 1e-9);
        assertEquals(7, overridden.getInt("seed"));
        assertFalse(overridden.containsKey("unknown_option"));
        assertEquals("fake-model", result.model(), "the model the server says answered");
    }

    @Test
    void sendsTheAuthorizationHeaderOnlyWithAnApiKey() throws Exception {
        provider(Map.of()).complete(ask(PROMPT));
        provider(Map.of("api-key", "sk-secret-123")).complete(ask(PROMPT));
        List<FakeChatServer.Received> received = server.received();
        assertNull(received.get(0).authorization());
        assertEquals("Bearer sk-secret-123", received.get(1).authorization());
    }

    @Test
    void infoNamesEndpointAndModelButNeverTheKey() {
        String info = provider(Map.of("api-key", "sk-secret-123")).info().toString();
        assertTrue(info.contains(server.baseUrl()), info);
        assertTrue(info.contains("test-model"), info);
        assertFalse(info.contains("sk-secret-123"), info);
    }

    @Test
    void aProviderThatIsDownIsUnavailableAfterTheRetries() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(url, Map.of("max-retries", "2")).complete(ask(PROMPT)));
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("could not connect"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertFalse(e.getMessage().contains(PROMPT));
    }

    @Test
    void aSlowProviderTimesOutAsUnavailable() {
        server.then(FakeChatServer.hang()).then(FakeChatServer.hang());
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(Map.of("timeout", "300ms", "max-retries", "1")).complete(ask(PROMPT)));
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(e.getMessage().contains("300ms"), e.getMessage());
        assertEquals(2, server.received().size(), "one retry after the timeout");
    }

    @Test
    void aPerRequestTimeoutOverridesTheConfiguredOne() {
        server.then(FakeChatServer.hang());
        CompletionRequest request = new CompletionRequest(List.of(ChatMessage.user(PROMPT)), null, null, null, null, null,
                Duration.ofMillis(200));
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(Map.of("timeout", "60s", "max-retries", "0")).complete(request));
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("200ms"), e.getMessage());
    }

    @Test
    void retriesA429AfterTheServersRetryAfterThenSucceeds() throws Exception {
        server.then(FakeChatServer.json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("retry-after-ms", "250")))
                .then(FakeChatServer.json(200, FakeChatServer.completion("second time lucky", "m", "stop", 1, 2)));
        CompletionResult result = provider(Map.of("retry-backoff", "1ms")).complete(ask(PROMPT));
        assertEquals("second time lucky", result.text());
        List<FakeChatServer.Received> received = server.received();
        assertEquals(2, received.size());
        // the wait is the server's 250 ms, not the configured 1 ms backoff
        assertTrue(received.get(1).nanoTime() - received.get(0).nanoTime() >= Duration.ofMillis(250).toNanos());
    }

    @Test
    void givesUpOn5xxWhenTheRetriesRunOut() {
        for (int i = 0; i < 4; i++) {
            server.then(FakeChatServer.json(500, "{\"error\":{\"message\":\"CUDA out of memory\"}}"));
        }
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(Map.of("max-retries", "3")).complete(ask(PROMPT)));
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("HTTP 500 (CUDA out of memory)"), e.getMessage());
        assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
        assertEquals(4, server.received().size());
    }

    @Test
    void aRetryAfterLongerThanThirtySecondsFailsAtOnce() {
        server.then(FakeChatServer.json(503, "{}", Map.of("Retry-After", "120")));
        CompletionException e = assertThrows(CompletionException.class, () -> provider(Map.of()).complete(ask(PROMPT)));
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("retry after 120 s"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void clientErrorsAreNotRetriedAndNotUnavailable() {
        server.then(FakeChatServer.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-wrong-456\"}}"))
                .then(FakeChatServer.json(404, "{\"error\":\"model 'nope' not found\"}"))
                .then(FakeChatServer.json(400, "{\"detail\":\"bad prompt: " + PROMPT + "\"}"));
        CompletionProvider keyed = provider(Map.of("api-key", "sk-wrong-456"));
        CompletionException unauthorized = assertThrows(CompletionException.class, () -> keyed.complete(ask(PROMPT)));
        assertFalse(unauthorized.unavailable());
        assertTrue(unauthorized.getMessage().contains("HTTP 401"), unauthorized.getMessage());
        assertFalse(unauthorized.getMessage().contains("sk-wrong-456"), unauthorized.getMessage());

        CompletionException notFound = assertThrows(CompletionException.class,
                () -> provider(Map.of()).complete(ask(PROMPT).withModel("nope")));
        assertFalse(notFound.unavailable());
        assertTrue(notFound.getMessage().contains("HTTP 404 (model 'nope' not found)"), notFound.getMessage());
        assertTrue(notFound.getMessage().contains("(model nope)"), notFound.getMessage());

        CompletionException badRequest = assertThrows(CompletionException.class, () -> provider(Map.of()).complete(ask(PROMPT)));
        assertFalse(badRequest.unavailable());
        assertTrue(badRequest.getMessage().contains("HTTP 400"), badRequest.getMessage());
        assertFalse(badRequest.getMessage().contains(PROMPT.substring(0, 20)), badRequest.getMessage());
        assertEquals(3, server.received().size(), "no retries");
    }

    @Test
    void garbageIsABadAnswerNotAnOutage() throws IOException {
        server.then(FakeChatServer.json(200, "<html>502 Bad Gateway</html>"))
                .then(FakeChatServer.json(200, "{\"object\":\"list\",\"data\":[]}"))
                .then(FakeChatServer.json(200, "{\"choices\":[{\"message\":{\"content\":42}}]}"));
        CompletionProvider provider = provider(Map.of());
        for (String expected : List.of("not a JSON object", "no 'choices'", "is not a string")) {
            CompletionException e = assertThrows(CompletionException.class, () -> provider.complete(ask(PROMPT)));
            assertFalse(e.unavailable(), e.getMessage());
            assertTrue(e.getMessage().contains("malformed response"), e.getMessage());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        assertEquals(3, server.received().size(), "no retries");
    }

    @Test
    void anEmptyConversationIsACallerError() {
        assertThrows(IllegalArgumentException.class, () -> provider(Map.of()).complete(CompletionRequest.of(List.of())));
    }
}
