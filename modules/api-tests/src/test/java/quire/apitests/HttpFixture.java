package quire.apitests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * A small HTTP client speaking to Quire the way Morphik's Python SDK (httpx) does: JSON bodies,
 * multipart uploads with string fields, optional bearer token.
 */
public final class HttpFixture {
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String bearer;

    HttpFixture(String base) {
        this.base = base;
    }

    /** @return a client sending this bearer token */
    public HttpFixture withToken(String token) {
        HttpFixture h = new HttpFixture(base);
        h.bearer = token;
        return h;
    }

    /** A response: status, headers, raw bytes and the body parsed as JSON when it is JSON. */
    public record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonValue json() {
            try {
                return Json.createReader(new StringReader(text())).readValue();
            } catch (JsonParsingException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text(), e);
            }
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public JsonArray array() {
            return json().asJsonArray();
        }

        /** @return the {@code detail} of an error body */
        public String detail() {
            JsonValue d = object().get("detail");
            return d instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(d);
        }
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    public Response postJson(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postJson(String path, JsonValue json) {
        return postJson(path, json.toString());
    }

    public Response putJson(String path, JsonValue json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    public Response patch(String path) {
        return send(builder(path).method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** A multipart part: a string field, or a file when {@code filename} is set. */
    public record Part(String name, String filename, String contentType, byte[] content) {
        public static Part field(String name, String value) {
            return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
        }

        public static Part file(String name, String filename, byte[] content) {
            return new Part(name, filename, "application/octet-stream", content);
        }
    }

    /** Posts multipart/form-data built like httpx builds it. */
    public Response postMultipart(String path, List<Part> parts) {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Part p : parts) {
                out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                String disposition = "Content-Disposition: form-data; name=\"" + escape(p.name()) + "\"";
                if (p.filename() != null) {
                    disposition += "; filename=\"" + escape(p.filename()) + "\"";
                }
                out.write((disposition + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (p.filename() != null) {
                    out.write(("Content-Type: " + p.contentType() + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                out.write(p.content());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** httpx percent-encodes {@code "} in names; CR/LF too. */
    private static String escape(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** @return {@code path?k=v&k2=v2} with values URL-encoded; repeated keys for lists */
    public static String query(String path, Map<String, ?> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                list.forEach(item -> pairs.add(enc(k) + "=" + enc(String.valueOf(item))));
            } else if (v != null) {
                pairs.add(enc(k) + "=" + enc(String.valueOf(v)));
            }
        });
        return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
    }

    /** @return the value URL-encoded the way the SDK quotes path segments ({@code quote(s, safe="")}) */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
