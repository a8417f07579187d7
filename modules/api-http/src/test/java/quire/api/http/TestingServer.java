package quire.api.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import io.helidon.http.Method;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** A real {@link ApiServer} on port 0 with ping, health and a few test-only routes. */
final class TestingServer implements AutoCloseable {

    final ApiServer server;
    final HttpClient client = HttpClient.newHttpClient();

    TestingServer(Authenticator authenticator, long maxBodySize, ApiRoutes... extra) {
        List<ApiRoutes> routes = new ArrayList<>();
        routes.add(new PingRoutes());
        routes.add(new TestRoutes());
        routes.addAll(List.of(extra));
        server = ApiServer.start(new ApiServerConfig("127.0.0.1", 0, maxBodySize, authenticator, routes));
    }

    TestingServer() {
        this(new DevAuthenticator(null), 1024 * 1024);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonValue json(HttpResponse<String> response) {
        try (JsonReader r = Json.createReader(new StringReader(response.body()))) {
            return r.readValue();
        }
    }

    static JsonObject object(HttpResponse<String> response) {
        return json(response).asJsonObject();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Routes that exist only in tests, to exercise validation, auth and errors. */
    static final class TestRoutes implements ApiRoutes {
        @Override
        public void register(ApiRouter router) {
            router.post("/test/echo", (req, res) -> {
                JsonFields f = JsonBody.object(req);
                String query = f.requiredString("query");
                Long k = f.integer("k", 4L);
                Boolean flag = f.optionalBoolean("flag");
                List<String> tags = f.optionalStringList("tags");
                f.validate();
                JsonArrayBuilder t = Json.createArrayBuilder();
                if (tags != null) {
                    tags.forEach(t::add);
                }
                JsonResponses.send(res, Json.createObjectBuilder().add("query", query).add("k", k)
                        .add("flag", flag == null ? JsonValue.NULL : flag ? JsonValue.TRUE : JsonValue.FALSE)
                        .add("tags", t).build());
            });
            router.get("/test/whoami", (req, res) -> {
                Principal p = Principal.of(req);
                JsonArrayBuilder perms = Json.createArrayBuilder();
                p.permissions().stream().sorted().forEach(perms::add);
                JsonResponses.send(res, Json.createObjectBuilder().add("user_id", p.userId())
                        .add("app_id", p.appId() == null ? JsonValue.NULL : Json.createValue(p.appId()))
                        .add("entity_type", p.entityType()).add("permissions", perms).build());
            });
            router.routeBothSlashes(Method.GET, "/test/slash", (req, res) ->
                    JsonResponses.send(res, Json.createObjectBuilder().add("ok", true).build()));
            router.get("/test/boom", (req, res) -> {
                throw new IllegalStateException("internal detail that must not reach the client");
            });
            router.post("/test/count", (req, res) -> {
                long n = req.content().inputStream().transferTo(java.io.OutputStream.nullOutputStream());
                JsonResponses.send(res, Json.createObjectBuilder().add("bytes", n).build());
            });
        }
    }
}
