package quire.plugin.llm.openai;

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
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A real HTTP server on a free port speaking the OpenAI chat-completions wire format. Scripted
 * replies are served in order; when none is left it answers {@code "ok"}.
 */
final class FakeChatServer implements AutoCloseable {

    /** One request as received. */
    record Received(String path, String authorization, String accept, JsonObject body, long nanoTime) {
    }

    /** A scripted reply. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange, FakeChatServer server) throws IOException, InterruptedException;
    }

    /** Released by {@link #close()}: replies that hang wait on it. */
    final CountDownLatch release = new CountDownLatch(1);
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeChatServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    JsonObject lastBody() {
        List<Received> all = received();
        return all.get(all.size() - 1).body();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Accept"), json, System.nanoTime()));
            Reply reply = script.poll();
            (reply == null ? json(200, completion("ok", "fake-model", "stop", 3, 1)) : reply).send(exchange, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- replies ----

    static Reply json(int status, String body) {
        return json(status, body, Map.of());
    }

    static Reply json(int status, String body, Map<String, String> headers) {
        return (exchange, server) -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** An SSE body written piece by piece, each piece flushed as its own HTTP chunk. */
    static Reply sse(List<byte[]> pieces) {
        return (exchange, server) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte[] piece : pieces) {
                    out.write(piece);
                    out.flush();
                }
            }
        };
    }

    static Reply sseText(String... pieces) {
        List<byte[]> bytes = new ArrayList<>();
        for (String piece : pieces) {
            bytes.add(piece.getBytes(StandardCharsets.UTF_8));
        }
        return sse(bytes);
    }

    /** Writes the pieces, then kills the connection without ending the chunked body. */
    static Reply sseThenBreak(String... pieces) {
        return (exchange, server) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String piece : pieces) {
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            // an exception out of the handler makes the JDK server drop the connection mid-body
            throw new IOException("simulated crash of the model server");
        };
    }

    /** Writes the pieces, then goes silent until the test ends. */
    static Reply sseThenStall(String... pieces) {
        return (exchange, server) -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String piece : pieces) {
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            server.release.await();
        };
    }

    /** Never answers (until the test ends). */
    static Reply hang() {
        return (exchange, server) -> server.release.await();
    }

    // ---- wire format ----

    static String completion(String content, String model, String finish, int promptTokens, int completionTokens) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("role", "assistant");
        message = content == null ? message.addNull("content") : message.add("content", content);
        return Json.createObjectBuilder()
                .add("id", "chatcmpl-1").add("object", "chat.completion").add("created", 1).add("model", model)
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("index", 0).add("message", message).add("finish_reason", finish)))
                .add("usage", Json.createObjectBuilder().add("prompt_tokens", promptTokens)
                        .add("completion_tokens", completionTokens).add("total_tokens", promptTokens + completionTokens))
                .build().toString();
    }

    /** One SSE event with a content delta, LF-terminated. */
    static String delta(String content) {
        return "data: " + chunkJson(content, null) + "\n\n";
    }

    static String chunkJson(String content, String finish) {
        JsonObjectBuilder delta = Json.createObjectBuilder();
        if (content != null) {
            delta.add("content", content);
        }
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta);
        choice = finish == null ? choice.addNull("finish_reason") : choice.add("finish_reason", finish);
        return Json.createObjectBuilder().add("id", "chatcmpl-1").add("object", "chat.completion.chunk")
                .add("model", "fake-model").add("choices", Json.createArrayBuilder().add(choice)).build().toString();
    }

    static String finish(String reason) {
        return "data: " + chunkJson(null, reason) + "\n\n";
    }

    static String usage(int promptTokens, int completionTokens) {
        return "data: " + Json.createObjectBuilder().add("id", "chatcmpl-1").add("object", "chat.completion.chunk")
                .add("model", "fake-model").add("choices", Json.createArrayBuilder())
                .add("usage", Json.createObjectBuilder().add("prompt_tokens", promptTokens)
                        .add("completion_tokens", completionTokens))
                .build() + "\n\n";
    }

    static final String DONE = "data: [DONE]\n\n";

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
