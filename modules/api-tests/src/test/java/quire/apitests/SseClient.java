package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Reads a {@code text/event-stream} response frame by frame as it arrives, the way a browser's
 * or Morphik UI's reader does: a frame ends at a blank line. Frames are kept as raw text so tests
 * can compare them byte for byte.
 */
final class SseClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<InputStream> response;
    private final InputStream in;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.in = response.body();
    }

    /** POSTs {@code body} as JSON and returns as soon as the status and headers arrived. */
    static SseClient post(String url, JsonObject body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            return new SseClient(CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** @return the next frame's raw text up to and including its blank line, or null at the end of the stream */
    String next() {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        try {
            int previous = -1;
            for (int b = in.read(); b >= 0; b = in.read()) {
                frame.write(b);
                if (b == '\n' && previous == '\n') {
                    return frame.toString(StandardCharsets.UTF_8);
                }
                previous = b;
            }
        } catch (IOException e) {
            // a stream that ends early ends here too
        }
        if (frame.size() > 0) {
            throw new AssertionError("stream ended inside a frame: " + frame.toString(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** @return every remaining frame, raw */
    List<String> rest() {
        List<String> out = new ArrayList<>();
        for (String f = next(); f != null; f = next()) {
            out.add(f);
        }
        return out;
    }

    /** @return the JSON of a frame that is exactly one {@code data:} line and a blank line */
    static JsonObject data(String frame) {
        assertTrue(frame.startsWith("data: ") && frame.endsWith("\n\n"), "frame shape: " + frame);
        String payload = frame.substring("data: ".length(), frame.length() - 2);
        assertEquals(-1, payload.indexOf('\n'), "one line per frame: " + frame);
        return Json.createReader(new StringReader(payload)).readObject();
    }

    /** @return the frame Morphik writes for one piece of the answer (Python's json.dumps, ASCII only) */
    static String assistantFrame(String content) {
        return "data: {\"type\": \"assistant\", \"content\": " + python(content) + "}\n\n";
    }

    /** Python's json.dumps of a string with {@code ensure_ascii}. */
    static String python(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // closing a finished stream
        }
    }
}
