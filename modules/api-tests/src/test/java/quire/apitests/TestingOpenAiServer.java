package quire.apitests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A real HTTP server on a free loopback port speaking the OpenAI chat-completions wire format
 * ({@code POST /v1/chat/completions}, JSON or SSE), standing in for a language model. Scripted
 * replies are served in order; when none is left it answers {@code "ok"}. Every request is kept
 * for assertions (what the model was told).
 */
final class TestingOpenAiServer implements AutoCloseable {

    /** One request as received. */
    record Received(String authorization, JsonObject body) {
        JsonArray messages() {
            return body.getJsonArray("messages");
        }

        /** @return the content of message {@code i} (negative: from the end) */
        String content(int i) {
            JsonArray m = messages();
            return m.getJsonObject(i < 0 ? m.size() + i : i).getString("content");
        }

        String role(int i) {
            JsonArray m = messages();
            return m.getJsonObject(i < 0 ? m.size() + i : i).getString("role");
        }
    }

    /** A scripted reply. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, TestingOpenAiServer server) throws IOException, InterruptedException;
    }

    /** Released by {@link #close()}: replies that hang wait on it. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    TestingOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return the base URL for {@code quire.completion.openai.base-url} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    TestingOpenAiServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    Received last() {
        List<Received> all = received();
        return all.get(all.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), json));
            Reply reply = script.poll();
            (reply == null ? json(200, completion("ok", 3, 1)) : reply).send(exchange, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- replies

    static Reply json(int status, String body) {
        return (exchange, server) -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** A 200 answer in one piece. */
    static Reply answer(String content, int promptTokens, int completionTokens) {
        return json(200, completion(content, promptTokens, completionTokens));
    }

    /** A streamed answer: one SSE event per delta, each flushed, then usage and {@code [DONE]}. */
    static Reply stream(List<String> deltas) {
        return streamUntil(deltas, deltas.size(), null);
    }

    /**
     * Streams the first {@code before} deltas, waits for {@code gate} (the test read what it
     * needed), then streams the rest.
     */
    static Reply streamUntil(List<String> deltas, int before, CountDownLatch gate) {
        return (exchange, server) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < deltas.size(); i++) {
                    if (i == before && gate != null) {
                        server.await(gate);
                    }
                    write(out, "data: " + chunk(deltas.get(i), null) + "\n\n");
                }
                write(out, "data: " + chunk(null, "stop") + "\n\n");
                write(out, "data: " + Json.createObjectBuilder().add("id", "chatcmpl-1")
                        .add("object", "chat.completion.chunk").add("model", "test-model")
                        .add("choices", Json.createArrayBuilder())
                        .add("usage", Json.createObjectBuilder().add("prompt_tokens", 40).add("completion_tokens", 9))
                        .build() + "\n\n");
                write(out, "data: [DONE]\n\n");
            }
        };
    }

    /** Streams {@code deltas}, then drops the connection in the middle of the body. */
    static Reply streamThenBreak(List<String> deltas) {
        return (exchange, server) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String d : deltas) {
                write(out, "data: " + chunk(d, null) + "\n\n");
            }
            // an exception out of the handler makes the JDK server drop the connection mid-body
            throw new IOException("simulated crash of the model server");
        };
    }

    /** Never answers (until the test ends). */
    static Reply hang() {
        return (exchange, server) -> server.closing.await();
    }

    private void await(CountDownLatch gate) throws InterruptedException {
        while (!gate.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (closing.getCount() == 0) {
                return;
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---- wire format

    static String completion(String content, int promptTokens, int completionTokens) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("role", "assistant").add("content", content);
        return Json.createObjectBuilder()
                .add("id", "chatcmpl-1").add("object", "chat.completion").add("created", 1).add("model", "test-model")
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("index", 0).add("message", message).add("finish_reason", "stop")))
                .add("usage", Json.createObjectBuilder().add("prompt_tokens", promptTokens)
                        .add("completion_tokens", completionTokens).add("total_tokens", promptTokens + completionTokens))
                .build().toString();
    }

    private static String chunk(String content, String finish) {
        JsonObjectBuilder delta = Json.createObjectBuilder();
        if (content != null) {
            delta.add("content", content);
        }
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta);
        choice = finish == null ? choice.addNull("finish_reason") : choice.add("finish_reason", finish);
        return Json.createObjectBuilder().add("id", "chatcmpl-1").add("object", "chat.completion.chunk")
                .add("model", "test-model").add("choices", Json.createArrayBuilder().add(choice)).build().toString();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
