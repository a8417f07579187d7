package quire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the harness, not a benchmark: three small HTML pages through the real server and
 * the real ONNX model, one run. Proves the measurement counts what it should; asserts no timings.
 */
class IngestBenchIT {

    @TempDir
    Path corpus;

    @Test
    void threeDocumentsEndToEndAndRaw() throws Exception {
        Path root = Path.of(System.getProperty("quire.bench.root", "../..")).toAbsolutePath().normalize();
        Path models = root.resolve("plugins/embeddings-onnx/target/models");
        Assumptions.assumeTrue(Files.isDirectory(models.resolve("all-minilm-l6-v2-q")), "no ONNX model under "
                + models + " (build plugins/embeddings-onnx first): skipping the benchmark smoke test");
        for (int i = 0; i < 3; i++) {
            StringBuilder body = new StringBuilder("<html><head><title>Page " + i + "</title></head><body><h1>Page "
                    + i + "</h1>");
            for (int p = 0; p < 30 * (i + 1); p++) {
                body.append("<p>Paragraph ").append(p).append(" of page ").append(i)
                        .append(": the ingestion pipeline parses, chunks, embeds and stores this text.</p>");
            }
            Files.writeString(corpus.resolve("page" + i + ".html"), body.append("</body></html>"));
        }
        BenchOptions options = BenchOptions.parse(List.of("--corpus", corpus.toString(), "--docs", "3",
                "--warmup", "0", "--runs", "1", "--poll-ms", "20", "--models-dir", models.toString(),
                "--embed-batch-size", "4"), root);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<RunResult> runs;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            runs = new IngestBench(options, out).run();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(1, runs.size());
        RunResult r = runs.get(0);
        assertEquals(3, r.documents());
        assertEquals(0, r.failed());
        // the longest page cannot fit one chunk of <= 256 tokens: more chunks than documents
        assertTrue(r.chunks() > 3, "chunks: " + r.chunks());
        assertTrue(r.rawSeconds() > 0 && r.endToEndSeconds() > 0);
        assertTrue(r.p95SecondsToSettled() >= r.p50SecondsToSettled());
        assertTrue(text.contains("ingest.embed-batch-size 4"), text);
        assertTrue(text.contains("median") && text.contains("end-to-end / raw embedder ="), text);
        assertTrue(!text.contains("WARNING: chunk_ids"), text);
    }
}
