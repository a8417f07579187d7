package quire.plugin.embeddings.openai;

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
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

/**
 * A real HTTP server on a free port speaking the OpenAI embeddings wire format. By default it
 * embeds each input deterministically ({@link #vectorFor}); scripted replies are served first.
 */
final class FakeEmbeddingServer implements AutoCloseable {

    /** One request as received. */
    record Received(String path, String authorization, JsonObject body) {
        List<String> inputs() {
            return body.getJsonArray("input").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    /** A canned reply. */
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    final int dimensions;
    volatile boolean reverseOrder;
    volatile boolean base64;
    volatile CountDownLatch hold;
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    FakeEmbeddingServer(int dimensions) throws IOException {
        this.dimensions = dimensions;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/embeddings", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void then(Reply reply) {
        script.add(reply);
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** A fixed, text-dependent, non-normalised vector. */
    static float[] vectorFor(String text, int dimensions) {
        float[] v = new float[dimensions];
        int h = text.hashCode();
        for (int i = 0; i < dimensions; i++) {
            h = h * 31 + i + 7;
            v[i] = (h % 1000) / 100f + (i == 0 ? 20f : 0f);
        }
        return v;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), json));
            CountDownLatch h = hold;
            if (h != null) {
                h.await();
            }
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.of(200, embeddings(json));
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String embeddings(JsonObject request) {
        List<String> inputs = request.getJsonArray("input").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        List<JsonObject> data = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            float[] v = vectorFor(inputs.get(i), dimensions);
            JsonObjectBuilder item = Json.createObjectBuilder().add("object", "embedding").add("index", i);
            if (base64) {
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    bb.putFloat(f);
                }
                item.add("embedding", java.util.Base64.getEncoder().encodeToString(bb.array()));
            } else {
                JsonArrayBuilder arr = Json.createArrayBuilder();
                for (float f : v) {
                    arr.add(f);
                }
                item.add("embedding", arr);
            }
            data.add(item.build());
        }
        if (reverseOrder) {
            Collections.reverse(data);
        }
        JsonArrayBuilder arr = Json.createArrayBuilder();
        data.forEach(arr::add);
        return Json.createObjectBuilder()
                .add("object", "list")
                .add("data", arr)
                .add("model", request.getString("model"))
                .add("usage", Json.createObjectBuilder().add("prompt_tokens", 5).add("total_tokens", 5))
                .build().toString();
    }

    @Override
    public void close() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
        server.stop(0);
    }
}
