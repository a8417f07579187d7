package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Sends requests byte-for-byte the way Morphik's Python SDK ({@code Morphik._request} over
 * httpx) sends them, and applies the SDK's response handling ({@code raise_for_status()} then
 * {@code .json()}, redirects never followed):
 * <ul>
 * <li>URL = base + "/" + endpoint without its leading slashes;</li>
 * <li>every non-file request carries {@code Content-Type: application/json}, also a GET or a
 * DELETE without a body (the SDK sets the header unconditionally and httpx sends no body for
 * {@code json=None});</li>
 * <li>file requests are multipart: string fields first, then the file parts, no JSON header;</li>
 * <li>query parameters go through httpx: lists become repeated keys, booleans
 * {@code true/false}, floats Python's {@code repr} ({@code 4.0});</li>
 * <li>{@code Authorization: Bearer <jwt>} when the URI carried a token.</li>
 * </ul>
 */
final class SdkClient {
    private static final Set<String> PLAIN_HTTP_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0",
            "host.docker.internal");

    private final String base;
    private final String token;
    // java.net.http never follows redirects unless told to: like httpx, a 3xx reaches the caller
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private SdkClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** {@code Morphik()} with an {@code http(s)://host:port} URI: no token. */
    static SdkClient plain(String baseUrl) {
        return new SdkClient(baseUrl.replaceAll("/+$", ""), null);
    }

    /**
     * {@code Morphik("morphik://<name>:<jwt>@<host>")}: the userinfo is everything before the
     * last {@code @}, the token the part after its first {@code :}; {@code http} for local hosts
     * (1.2.6), {@code https} otherwise. The token must decode as a JWT (the SDK calls
     * {@code jwt.decode(token, verify_signature=False)}).
     */
    static SdkClient fromUri(String uri) {
        assertTrue(uri.startsWith("morphik://"), "not a morphik URI");
        String netloc = uri.substring("morphik://".length());
        int slash = netloc.indexOf('/');
        if (slash >= 0) {
            netloc = netloc.substring(0, slash);
        }
        int at = netloc.lastIndexOf('@');
        assertTrue(at > 0, "morphik URI without userinfo");
        String userinfo = netloc.substring(0, at);
        String hostPort = netloc.substring(at + 1);
        int colon = userinfo.indexOf(':');
        assertTrue(colon >= 0, "morphik URI without a token");
        String token = userinfo.substring(colon + 1);
        assertWellFormedJwt(token);
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.split(":")[0];
        String scheme = PLAIN_HTTP_HOSTS.contains(host) ? "http" : "https";
        return new SdkClient(scheme + "://" + hostPort, token);
    }

    /** What PyJWT's unverified decode insists on: three segments, a JSON header and JSON claims. */
    static void assertWellFormedJwt(String token) {
        String[] parts = token.split("\\.", -1);
        assertEquals(3, parts.length, "a JWT has three segments");
        for (int i = 0; i < 2; i++) {
            String json = new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8);
            Json.createReader(new StringReader(json)).readObject();
        }
    }

    String base() {
        return base;
    }

    /** The raw exchange, for tests that assert on status codes and error bodies. */
    HttpFixture.Response send(String method, String endpoint, JsonValue json, Map<String, ?> params) {
        HttpRequest.Builder b = builder(endpoint, params).header("Content-Type", "application/json");
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.toString());
        b.method(method, body);
        return exchange(b);
    }

    /** The SDK's {@code _request}: 2xx or an error (3xx included), then a JSON body. */
    JsonValue request(String method, String endpoint, JsonValue json, Map<String, ?> params) {
        return json(send(method, endpoint, json, params), method + " " + endpoint);
    }

    JsonValue get(String endpoint) {
        return request("GET", endpoint, null, null);
    }

    JsonValue get(String endpoint, Map<String, ?> params) {
        return request("GET", endpoint, null, params);
    }

    JsonValue post(String endpoint, JsonValue json) {
        return request("POST", endpoint, json, null);
    }

    JsonValue delete(String endpoint) {
        return request("DELETE", endpoint, null, null);
    }

    /** A multipart field or file, in the SDK's order. */
    record Part(String name, String filename, byte[] content) {
        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String name, String filename, byte[] content) {
            return new Part(name, filename, content);
        }
    }

    /** httpx multipart with {@code data=} fields then {@code files=}; raw exchange. */
    HttpFixture.Response sendMultipart(String endpoint, List<Part> fields, List<Part> files, Map<String, ?> params) {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (List<Part> group : List.of(fields, files)) {
                for (Part p : group) {
                    out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                    String disposition = "Content-Disposition: form-data; name=\"" + p.name() + "\"";
                    if (p.filename() != null) {
                        disposition += "; filename=\"" + p.filename().replace("\"", "%22") + "\"";
                    }
                    out.write((disposition + "\r\n").getBytes(StandardCharsets.UTF_8));
                    if (p.filename() != null) {
                        out.write(("Content-Type: " + guessType(p.filename()) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                    out.write(p.content());
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exchange(builder(endpoint, params).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    JsonValue multipart(String endpoint, List<Part> fields, List<Part> files) {
        return json(sendMultipart(endpoint, fields, files, null), "POST " + endpoint);
    }

    /** {@code get_document_file}: a plain GET (same headers), raw bytes after raise_for_status. */
    byte[] bytes(String endpoint) {
        HttpFixture.Response r = send("GET", endpoint, null, null);
        assertSuccess(r, "GET " + endpoint);
        return r.bytes();
    }

    /** httpx's {@code mimetypes.guess_type(filename)[0] or "application/octet-stream"}, for our files. */
    private static String guessType(String filename) {
        String f = filename.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".txt")) {
            return "text/plain";
        }
        if (f.endsWith(".md")) {
            return "text/markdown";
        }
        if (f.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (f.endsWith(".html")) {
            return "text/html";
        }
        return "application/octet-stream";
    }

    /** {@code raise_for_status()} + {@code .json()}: 2xx, JSON Content-Type, parseable body. */
    static JsonValue json(HttpFixture.Response r, String what) {
        assertSuccess(r, what);
        String type = r.headers().firstValue("content-type").orElse("");
        assertTrue(type.startsWith("application/json"), what + ": success is not JSON (" + type + ")");
        return r.json();
    }

    static void assertSuccess(HttpFixture.Response r, String what) {
        if (r.status() >= 300 && r.status() < 400) {
            fail(what + ": " + r.status() + " redirect to " + r.headers().firstValue("location").orElse("?")
                    + " -- httpx does not follow it, the SDK raises HTTPStatusError");
        }
        if (r.status() < 200 || r.status() >= 300) {
            fail(what + ": HTTP " + r.status() + " " + r.text());
        }
    }

    /** httpx's rendering of query values: lists repeat the key, bools lower-case, floats repr. */
    static String render(Object v) {
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d); // 4.0 -> "4.0", as Python's str(4.0)
        }
        return String.valueOf(v);
    }

    private HttpRequest.Builder builder(String endpoint, Map<String, ?> params) {
        String path = endpoint.replaceAll("^/+", "");
        StringBuilder url = new StringBuilder(base).append('/').append(path);
        if (params != null && !params.isEmpty()) {
            String sep = "?";
            for (Map.Entry<String, ?> e : params.entrySet()) {
                List<?> values = e.getValue() instanceof List<?> l ? l : java.util.Collections.singletonList(e.getValue());
                for (Object v : values) {
                    if (v == null) {
                        continue; // httpx drops None values
                    }
                    url.append(sep).append(HttpFixture.enc(e.getKey())).append('=').append(HttpFixture.enc(render(v)));
                    sep = "&";
                }
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpFixture.Response exchange(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpFixture.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the parsed object of {@code text} (test data) */
    static JsonObject obj(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /**
     * {@code wait_for_document_completion}: polls {@code get_document_status} until completed or
     * failed, then returns {@code get_document}; each answer is checked against the SDK's shapes.
     */
    JsonObject waitForDocumentCompletion(String id, java.time.Duration settle) {
        java.time.Instant deadline = java.time.Instant.now().plus(settle);
        while (java.time.Instant.now().isBefore(deadline)) {
            JsonObject status = SdkShapes.documentStatus(get("documents/" + id + "/status"), "get_document_status");
            switch (status.getString("status")) {
                case "completed" -> {
                    return SdkShapes.document(get("documents/" + id), "get_document");
                }
                case "failed" -> org.junit.jupiter.api.Assertions.fail(
                        "Document processing failed: " + status.getString("error", "Unknown error"));
                default -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        throw new AssertionError("document " + id + " did not complete within " + settle);
    }
}
