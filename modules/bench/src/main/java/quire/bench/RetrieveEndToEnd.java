package quire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;

import quire.server.QuireServer;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbeddingException;
import quire.server.ServerOptions;

/**
 * {@code POST /retrieve/chunks} over HTTP, query embedding included: an in-process server with
 * the real plugins ingests corpus pages, then one client thread sends real passages of those
 * pages as queries (k=10), one at a time.
 */
final class RetrieveEndToEnd {
    private RetrieveEndToEnd() {
    }

    /** What was measured. */
    record Result(int documents, long chunks, int queries, double p50Ms, double p99Ms, double meanHits, double embedP50Ms,
                  double embedP99Ms) {
    }

    static Result run(List<Path> corpora, Path modelsDir, Map<String, String> embedder, int docs, int queries, PrintStream out)
            throws IOException, InterruptedException {
        List<Path> pages = Corpus.pick(corpora.get(0), docs);
        Path data = Files.createTempDirectory("quire-retrieval-bench-");
        Map<String, String> o = new LinkedHashMap<>();
        o.put("quire.server.port", "0");
        o.put("quire.storage.provider", "jdbc");
        o.put("quire.blob-store.provider", "fs");
        o.put("quire.chunker.provider", "recursive");
        o.put("quire.embedder.provider", "onnx");
        o.put("quire.embedder.onnx.models-dir", modelsDir.toAbsolutePath().toString());
        o.putAll(embedder);
        try (QuireServer server = QuireServer.start(new ServerOptions(null, null, data.resolve("server"), System.getenv(), o,
                List.of(), List.of()))) {
            EndToEnd ingest = new EndToEnd(new IngestClient(server.url()), 4, Duration.ofMillis(100));
            EndToEnd.Result r;
            try (Progress p = new Progress("[e2e] ingesting", pages.size(), "docs", "chunks", Duration.ofSeconds(10))) {
                r = ingest.run(pages, "retrieval", p);
            }
            long chunks = r.documents().stream().mapToLong(DocumentTiming::chunks).sum();
            int completed = (int) r.documents().stream().filter(DocumentTiming::completed).count();
            out.printf(Locale.ROOT, "[e2e] ingested %d documents (%d completed), %d chunks in %.0f s%n", pages.size(), completed,
                    chunks, r.wallSeconds());
            List<String> texts = queryTexts(pages, queries + 30);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String url = server.url() + "/retrieve/chunks";
            // the index follows ingestion through a listener: wait until a query finds k chunks
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (retrieve(http, url, texts.get(0)) < 10 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            for (int i = 0; i < 30; i++) {
                retrieve(http, url, texts.get(i));
            }
            double[] ms = new double[queries];
            long hits = 0;
            for (int i = 0; i < queries; i++) {
                long t0 = System.nanoTime();
                hits += retrieve(http, url, texts.get(30 + i));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            // the same queries through the server's embedder alone: how much of the request is the model
            Embedder model = server.kernel().provider(Embedder.class).orElseThrow();
            double[] embedMs = new double[queries];
            try {
                for (int i = 0; i < queries; i++) {
                    long t0 = System.nanoTime();
                    model.embedQuery(texts.get(30 + i));
                    embedMs[i] = (System.nanoTime() - t0) / 1e6;
                }
            } catch (EmbeddingException e) {
                throw new IOException("embedding a query failed", e);
            }
            return new Result(completed, chunks, queries, Stats.percentile(ms, 50), Stats.percentile(ms, 99),
                    (double) hits / queries, Stats.percentile(embedMs, 50), Stats.percentile(embedMs, 99));
        } finally {
            TempTrees.delete(data);
        }
    }

    /** @return how many chunks came back */
    private static int retrieve(HttpClient http, String url, String query) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("query", query).add("k", 10).build().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("POST /retrieve/chunks answered " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonArray array = reader.readArray();
            return array.size();
        }
    }

    /** @return passages of the ingested pages, one page after another, round robin */
    private static List<String> queryTexts(List<Path> pages, int count) throws IOException {
        List<List<String>> perPage = new ArrayList<>();
        for (Path p : pages) {
            perPage.add(TextChunks.chunks(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
        }
        List<String> out = new ArrayList<>(count);
        for (int round = 0; out.size() < count; round++) {
            boolean any = false;
            for (List<String> chunks : perPage) {
                if (round < chunks.size() && out.size() < count) {
                    out.add(chunks.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        if (out.size() < count) {
            throw new IllegalArgumentException("the ingested pages hold only " + out.size() + " passages; "
                    + count + " queries wanted");
        }
        return out;
    }
}
