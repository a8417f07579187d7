package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.QueryExtractiveIT.sdkBody;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.plugin.llm.openai.OpenAiCompletionProviderFactory;

/**
 * A language model that is down or too slow: {@code /query} answers 503 with the reason in
 * {@code detail} (never a 500, never a fake answer), streamed or not, and stores no chat turn.
 */
class QueryModelDownIT {
    @TempDir
    Path dir;

    @Test
    void aModelThatIsDownIsServiceUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (QuireTestServer server = start(dir, "http://127.0.0.1:" + closedPort + "/v1", "5s", 1)) {
            ingest(server);
            HttpFixture.Response r = server.http().postJson("/query", sdkBody("volcano").add("chat_id", "down").build());
            assertEquals(503, r.status(), r::text);
            assertTrue(r.detail().startsWith("The language model is unavailable: "), r::text);
            assertTrue(r.detail().contains("127.0.0.1:" + closedPort), "names the endpoint: " + r.text());

            HttpFixture.Response streamed = server.http().postJson("/query", sdkBody("volcano")
                    .add("stream_response", true).build());
            assertEquals(503, streamed.status(), "nothing was streamed yet, so the status says it: " + streamed.text());
            assertEquals(JsonValue.EMPTY_JSON_ARRAY, server.http().get("/chat/down").json());
            // the server itself stays healthy: the model's state shows on /query, not as a failed dependency
            assertEquals(200, server.http().get("/health").status());
        }
    }

    @Test
    void aModelThatIsTooSlowIsServiceUnavailable() throws IOException {
        try (TestingOpenAiServer model = new TestingOpenAiServer();
             QuireTestServer server = start(dir, model.baseUrl(), "1s", 0)) {
            ingest(server);
            model.then(TestingOpenAiServer.hang());
            HttpFixture.Response r = server.http().postJson("/query", sdkBody("volcano").build());
            assertEquals(503, r.status(), r::text);
            assertTrue(r.detail().startsWith("The language model is unavailable: "), r::text);

            model.then(TestingOpenAiServer.hang());
            HttpFixture.Response streamed = server.http().postJson("/query", sdkBody("volcano")
                    .add("stream_response", true).build());
            assertEquals(503, streamed.status(), streamed::text);

            model.then(TestingOpenAiServer.answer("Back again.", 1, 1));
            HttpFixture.Response recovered = server.http().postJson("/query", sdkBody("volcano").build());
            assertEquals(200, recovered.status(), recovered::text);
            assertEquals("Back again.", recovered.object().getString("completion"));
        }
    }

    /** @param retries retries after a failed attempt (a hanging model is hung once per attempt) */
    private static QuireTestServer start(Path dir, String baseUrl, String timeout, int retries) {
        return QuireTestServer.start(dir, Map.of(
                "quire.completion.provider", "openai",
                "quire.completion.openai.base-url", baseUrl,
                "quire.completion.openai.model", "test-model",
                "quire.completion.openai.timeout", timeout,
                "quire.completion.openai.max-retries", Integer.toString(retries),
                "quire.completion.openai.retry-backoff", "10ms"),
                Map.of(), List.of(new OpenAiCompletionProviderFactory()));
    }

    private static void ingest(QuireTestServer server) {
        new TestingDocuments(server).text(TestingDocuments.DEV, "volcano.txt", "Volcanoes erupt when magma rises.");
    }
}
