package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import quire.spi.completion.CompletionException;
import quire.spi.completion.CompletionResult;

/** SSE-streamed completions against a real HTTP server speaking OpenAI's wire format. */
class OpenAiStreamingTest extends ProviderTestSupport {

    @Test
    void deliversManySmallDeltasInOrderWithUnicodeSplitAcrossChunksAndFinalUsage() throws Exception {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pieces.add(i % 10 == 0 ? " café " + i : "·" + i);
        }
        pieces.add(" 日本語 ");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("data: " + FakeChatServer.chunkJson("", null) + "\n\n").getBytes(StandardCharsets.UTF_8)); // role-only first chunk
        for (String piece : pieces) {
            body.writeBytes(FakeChatServer.delta(piece).getBytes(StandardCharsets.UTF_8));
        }
        // an emoji whose UTF-16 halves come in two events, as JSON escapes
        body.writeBytes(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\ud83d\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\ude00!\"}}]}\n\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes((FakeChatServer.finish("stop") + FakeChatServer.usage(40, 203) + FakeChatServer.DONE).getBytes(StandardCharsets.UTF_8));
        server.then(FakeChatServer.sse(splitEvery(body.toByteArray(), 7)));

        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider(Map.of()).stream(ask(PROMPT), deltas::add);

        String expected = String.join("", pieces) + "\uD83D\uDE00!";
        assertEquals(expected, String.join("", deltas));
        assertEquals(expected, result.text());
        assertEquals(pieces.size() + 1, deltas.size(), "one delta per content event, the emoji halves joined");
        assertTrue(deltas.stream().noneMatch(d -> d.isEmpty() || d.contains("\uFFFD")), deltas.toString());
        assertTrue(deltas.stream().noneMatch(d -> Character.isHighSurrogate(d.charAt(d.length() - 1))), "no lone surrogate");
        assertEquals("stop", result.finishReason());
        assertEquals("fake-model", result.model());
        assertEquals(40, result.promptTokens());
        assertEquals(203, result.completionTokens());
        JsonObject request = server.lastBody();
        assertTrue(request.getBoolean("stream"));
        assertTrue(request.getJsonObject("stream_options").getBoolean("include_usage"));
        assertTrue(server.received().getFirst().accept().contains("text/event-stream"));
    }

    @Test
    void toleratesCommentsCrlfBareCrMultiLineDataAndOtherFields() throws Exception {
        server.then(FakeChatServer.sseText(
                ": keep-alive\r\n\r\n",
                "event: message\r\nid: 1\r\ndata: {\"choices\":[{\"index\":0,\r\ndata: \"delta\":{\"content\":\"Hello\"}}]}\r\n\r\n",
                ":ping\n\n",
                "data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\", \"}}]}\r\r",
                "retry: 1000\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"world\"},\"finish_reason\":\"stop\"}]}\n\n",
                "data: [DONE]\r\n\r\n"));
        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider(Map.of("stream-usage", "false")).stream(ask(PROMPT), deltas::add);
        assertEquals(List.of("Hello", ", ", "world"), deltas);
        assertEquals("Hello, world", result.text());
        assertEquals("stop", result.finishReason());
        assertEquals(0, result.promptTokens(), "no usage chunk: unknown");
        assertFalse(server.lastBody().containsKey("stream_options"));
    }

    @Test
    void aStreamClosedWithoutDoneButWithAFinishReasonIsComplete() throws Exception {
        server.then(FakeChatServer.sseText(FakeChatServer.delta("All"), FakeChatServer.delta(" good"), FakeChatServer.finish("length")));
        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider(Map.of()).stream(ask(PROMPT), deltas::add);
        assertEquals("All good", result.text());
        assertEquals("length", result.finishReason());
    }

    @Test
    void aStreamThatBreaksMidwayFailsAfterThePartialDeltasWithoutRetry() {
        server.then(FakeChatServer.sseThenBreak(FakeChatServer.delta("The "), FakeChatServer.delta("report")));
        List<String> deltas = new ArrayList<>();
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(Map.of("max-retries", "3")).stream(ask(PROMPT), deltas::add));
        assertEquals(List.of("The ", "report"), deltas);
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("part of the answer was already streamed"), e.getMessage());
        assertEquals(1, server.received().size(), "never retried once text was delivered");
    }

    @Test
    void aStreamThatEndsCleanlyButTooEarlyIsAnError() {
        server.then(FakeChatServer.sseText(FakeChatServer.delta("Half an ans")));
        List<String> deltas = new ArrayList<>();
        CompletionException e = assertThrows(CompletionException.class, () -> provider(Map.of()).stream(ask(PROMPT), deltas::add));
        assertEquals(List.of("Half an ans"), deltas);
        assertTrue(e.getMessage().contains("before the answer was complete"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void aStreamThatStallsTimesOutAfterTheDeltasAlreadyDelivered() {
        server.then(FakeChatServer.sseThenStall(FakeChatServer.delta("Thinking")));
        List<String> deltas = new ArrayList<>();
        CompletionException e = assertThrows(CompletionException.class,
                () -> provider(Map.of("timeout", "300ms")).stream(ask(PROMPT), deltas::add));
        assertEquals(List.of("Thinking"), deltas);
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("no data for 300ms"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void failuresBeforeTheFirstDeltaAreRetried() throws Exception {
        server.then(FakeChatServer.json(503, "{\"error\":{\"message\":\"loading model\"}}"))
                .then(FakeChatServer.sseThenBreak(": warming up\n\n", "data: " + FakeChatServer.chunkJson("", null) + "\n\n"))
                .then(FakeChatServer.sseText(FakeChatServer.delta("Ready"), FakeChatServer.finish("stop"), FakeChatServer.DONE));
        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider(Map.of()).stream(ask(PROMPT), deltas::add);
        assertEquals(List.of("Ready"), deltas);
        assertEquals("Ready", result.text());
        assertEquals(3, server.received().size());
    }

    @Test
    void anErrorEventInTheStreamIsABadAnswer() {
        server.then(FakeChatServer.sseText(FakeChatServer.delta("Par"),
                "data: {\"error\":{\"message\":\"context length exceeded\",\"code\":400}}\n\n"));
        List<String> deltas = new ArrayList<>();
        CompletionException e = assertThrows(CompletionException.class, () -> provider(Map.of()).stream(ask(PROMPT), deltas::add));
        assertFalse(e.unavailable());
        assertTrue(e.getMessage().contains("context length exceeded"), e.getMessage());
        assertEquals(List.of("Par"), deltas);
    }

    @Test
    void aGarbageEventIsABadAnswer() {
        server.then(FakeChatServer.sseText("data: {not json\n\n"));
        CompletionException e = assertThrows(CompletionException.class, () -> provider(Map.of()).stream(ask(PROMPT), d -> { }));
        assertFalse(e.unavailable());
        assertTrue(e.getMessage().contains("malformed stream event"), e.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void aServerThatIgnoresStreamingSendsOneDelta() throws Exception {
        server.then(FakeChatServer.json(200, FakeChatServer.completion("Whole answer", "m", "stop", 5, 2)));
        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider(Map.of()).stream(ask(PROMPT), deltas::add);
        assertEquals(List.of("Whole answer"), deltas);
        assertEquals(new CompletionResult("Whole answer", "m", "stop", 5, 2), result);
    }

    @Test
    void anExceptionFromTheConsumerAbortsTheStream() {
        server.then(FakeChatServer.sseText(FakeChatServer.delta("a"), FakeChatServer.delta("b"), FakeChatServer.finish("stop")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider(Map.of()).stream(ask(PROMPT), d -> {
            throw new IllegalStateException("client went away");
        }));
        assertEquals("client went away", e.getMessage());
        assertEquals(1, server.received().size());
    }

    private static List<byte[]> splitEvery(byte[] bytes, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            out.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
        }
        return out;
    }
}
