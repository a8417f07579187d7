package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise of ingestion, tested on the real image with the real ONNX model: the
 * server is killed with SIGKILL while documents are queued and being processed; after a restart
 * on the same data every accepted document completes exactly once, with exactly the chunks a
 * clean run produces for the same text.
 */
class KillDuringIngestIT {
    private static final int DOCUMENTS = 24;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern ID = Pattern.compile("\"external_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void everyAcceptedDocumentCompletesExactlyOnceAfterAKill(@TempDir Path temp) throws Exception {
        Map<String, String> env = Map.of(
                "QUIRE_INGEST_WORKERS", "1",          // slow enough that the kill lands mid-queue
                "QUIRE_INGEST_TEXT_WAIT", "0s",       // answer at once: the queue holds the work
                "QUIRE_INGEST_LEASE", "3s",           // the dead worker's claim expires quickly
                "QUIRE_INGEST_RETRY_BACKOFF", "200ms");
        Path data = temp.resolve("data");
        Map<String, String> ids = new LinkedHashMap<>(); // id -> text
        try (ImageServer server = ImageServer.start(temp, env, "serve", "--port", "0", "--data", data.toString())) {
            for (int i = 0; i < DOCUMENTS; i++) {
                String text = text(i);
                ids.put(ingest(server.base(), text, "doc-" + i + ".txt"), text);
            }
            awaitSomeCompleted(server.base(), ids.keySet(), 2);
            server.kill();
        }
        Map<String, Integer> afterKill = new LinkedHashMap<>();
        try (ImageServer server = ImageServer.start(temp, env, "serve", "--port", "0", "--data", data.toString())) {
            for (String id : ids.keySet()) {
                afterKill.put(id, awaitCompletedChunkCount(server.base(), id));
            }
            server.stop();
        }

        // Reference: the same texts ingested without interruption into fresh data.
        Path clean = temp.resolve("clean");
        try (ImageServer server = ImageServer.start(temp, env, "serve", "--port", "0", "--data", clean.toString())) {
            List<String> order = new ArrayList<>(ids.keySet());
            List<String> referenceIds = new ArrayList<>();
            for (String id : order) {
                referenceIds.add(ingest(server.base(), ids.get(id), "reference.txt"));
            }
            for (int i = 0; i < order.size(); i++) {
                int expected = awaitCompletedChunkCount(server.base(), referenceIds.get(i));
                assertEquals(expected, afterKill.get(order.get(i)),
                        "document " + i + " has exactly the chunks of a clean run");
            }
            server.stop();
        }
    }

    private static String text(int n) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            sb.append("Document ").append(n).append(", part ").append(p).append(". ");
            for (int s = 0; s < 8; s++) {
                sb.append("The quire of sheet ").append(p * 8 + s).append(" in volume ").append(n)
                        .append(" describes binding, folding and sewing of printed paper. ");
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    private static String ingest(String base, String text, String filename) throws Exception {
        String json = "{\"content\":\"" + text.replace("\n", "\\n") + "\",\"filename\":\"" + filename + "\",\"metadata\":{}}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ingest/text"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = ID.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    private static void awaitSomeCompleted(String base, Iterable<String> ids, int atLeast) throws Exception {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int completed = 0;
            for (String id : ids) {
                if ("completed".equals(status(base, id))) {
                    completed++;
                }
            }
            if (completed >= atLeast) {
                assertTrue(completed < DOCUMENTS, "the kill must land while work is still queued");
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no document completed within " + SETTLE_TIMEOUT);
    }

    private static String status(String base, String id) throws IOException, InterruptedException {
        HttpResponse<String> r = get(base + "/documents/" + id + "/status");
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = STATUS.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    /** @return the number of chunk ids once the document is completed; fails on failed */
    private static int awaitCompletedChunkCount(String base, String id) throws Exception {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String s = status(base, id);
            if (s.equals("failed")) {
                throw new AssertionError("document " + id + " failed: " + get(base + "/documents/" + id + "/status").body());
            }
            if (s.equals("completed")) {
                String doc = get(base + "/documents/" + id).body();
                int start = doc.indexOf("\"chunk_ids\"");
                String ids = doc.substring(doc.indexOf('[', start), doc.indexOf(']', start) + 1);
                int count = 0;
                for (Matcher m = Pattern.compile("\"" + id + ":(\\d+)\"").matcher(ids); m.find(); count++) {
                    assertEquals(count, Integer.parseInt(m.group(1)), "chunk numbers run 0..n-1 without repeats");
                }
                assertTrue(count > 1, "a long text has several chunks: " + ids);
                return count;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("document " + id + " did not complete within " + SETTLE_TIMEOUT);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
