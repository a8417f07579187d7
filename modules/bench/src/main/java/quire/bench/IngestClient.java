package quire.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The three calls the benchmark makes, shaped like Morphik's SDK: {@code POST /ingest/file}
 * (multipart), {@code GET /documents/{id}/status} and {@code GET /documents/{id}}.
 */
final class IngestClient {
    private final String baseUrl;
    private final HttpClient http;

    IngestClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** @return the new document's id ({@code external_id} of the stub) */
    String upload(Path file, String metadataJson) throws IOException, InterruptedException {
        String boundary = "quire-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String name = file.getFileName().toString().replace("\"", "");
        part(body, boundary, "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: " + Corpus.contentType(file) + "\r\n");
        body.write(Files.readAllBytes(file));
        body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        part(body, boundary, "Content-Disposition: form-data; name=\"metadata\"\r\n");
        body.write(metadataJson.getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/ingest/file"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return json(send(request, "POST /ingest/file")).getString("external_id");
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers) throws IOException {
        body.write(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** @return the status payload ({@code status}, {@code error} when failed ...) */
    JsonObject status(String documentId) throws IOException, InterruptedException {
        return json(send(get("/documents/" + encode(documentId) + "/status"), "GET /documents/{id}/status"));
    }

    /** @return the full document */
    JsonObject document(String documentId) throws IOException, InterruptedException {
        return json(send(get("/documents/" + encode(documentId)), "GET /documents/{id}"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(1)).GET().build();
    }

    private String send(HttpRequest request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            String text = response.body() == null ? "" : response.body();
            // an error body is Morphik's {"detail": ...}, never document text; keep it short anyway
            throw new IOException(what + " answered " + response.statusCode() + ": "
                    + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
        return response.body();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
