package quire.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark invocation measures and how.
 *
 * @param corpus        directory searched recursively for documents
 * @param docs          documents timed per run
 * @param warmup        extra documents ingested (and embedded raw) before timing, not counted
 * @param runs          repetitions, each with a fresh server and data directory
 * @param concurrency   documents the client keeps in flight (uploaded, not yet completed)
 * @param poll          status polling interval per in-flight document
 * @param progressEvery how often a progress line is printed
 * @param modelsDir     directory holding {@code <model>/model.onnx}
 * @param overrides     server settings (full keys), e.g. {@code quire.ingest.workers}
 * @param keepData      keep each run's data directory for inspection
 * @param verbose       keep the server's INFO logging
 */
public record BenchOptions(Path corpus, int docs, int warmup, int runs, int concurrency, Duration poll,
                           Duration progressEvery, Path modelsDir, Map<String, String> overrides, boolean keepData,
                           boolean verbose) {

    /** Settings the table header names; given on the command line as plain flags. */
    static final Map<String, String> TUNABLES = Map.of(
            "--workers", "quire.ingest.workers",
            "--embed-batch-size", "quire.ingest.embed-batch-size",
            "--onnx-batch-size", "quire.embedder.onnx.batch-size",
            "--onnx-threads", "quire.embedder.onnx.threads",
            "--model", "quire.embedder.onnx.model");

    public BenchOptions {
        if (docs < 1 || runs < 1 || concurrency < 1 || warmup < 0) {
            throw new IllegalArgumentException("--docs, --runs and --concurrency must be >= 1, --warmup >= 0");
        }
        overrides = Map.copyOf(overrides);
    }

    static String usage() {
        return """
                Usage: IngestBench [options]
                  --corpus DIR            documents (html, htm, txt, md, pdf, docx, pptx, xlsx) under DIR, recursively;
                                          default $QUIRE_CORPUS_DIR/python3.11-doc/usr/share/doc/python3.11/html,
                                          QUIRE_CORPUS_DIR defaulting to <repo>/.corpora (modules/bench/fetch-corpora.sh)
                  --docs N                documents timed per run (default 200)
                  --warmup N              untimed documents first, so the JIT has compiled the server (default 100)
                  --runs N                repetitions, fresh server and data dir each (default 3)
                  --concurrency N         documents kept in flight by the client (default 4)
                  --poll-ms N             status polling interval (default 250; the Python SDK polls every 2 s)
                  --progress-seconds N    progress line interval (default 5)
                  --models-dir DIR        ONNX models (default <repo>/plugins/embeddings-onnx/target/models)
                  --workers N             quire.ingest.workers
                  --embed-batch-size N    quire.ingest.embed-batch-size
                  --onnx-batch-size N     quire.embedder.onnx.batch-size
                  --onnx-threads N        quire.embedder.onnx.threads
                  --model ID              quire.embedder.onnx.model
                  --set KEY=VALUE         any other server setting (full key), repeatable
                  --keep-data             keep each run's data directory
                  --verbose               keep the server's INFO log lines
                """;
    }

    /**
     * @param args the command line
     * @param root the repository root (defaults are relative to it)
     * @return the options
     * @throws IllegalArgumentException for an unknown flag or a bad value
     */
    static BenchOptions parse(List<String> args, Path root) {
        String corpusEnv = System.getenv("QUIRE_CORPUS_DIR");
        Path corpusRoot = corpusEnv == null || corpusEnv.isBlank() ? root.resolve(".corpora") : Path.of(corpusEnv);
        Path corpus = corpusRoot.resolve("python3.11-doc/usr/share/doc/python3.11/html");
        int docs = 200;
        int warmup = 100;
        int runs = 3;
        int concurrency = 4;
        long pollMs = 250;
        long progressSeconds = 5;
        Path models = root.resolve("plugins/embeddings-onnx/target/models");
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean keep = false;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--keep-data" -> keep = true;
                case "--verbose" -> verbose = true;
                default -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("missing value after " + flag);
                    }
                    String value = args.get(++i);
                    switch (flag) {
                        case "--corpus" -> corpus = Path.of(value);
                        case "--docs" -> docs = Integer.parseInt(value);
                        case "--warmup" -> warmup = Integer.parseInt(value);
                        case "--runs" -> runs = Integer.parseInt(value);
                        case "--concurrency" -> concurrency = Integer.parseInt(value);
                        case "--poll-ms" -> pollMs = Long.parseLong(value);
                        case "--progress-seconds" -> progressSeconds = Long.parseLong(value);
                        case "--models-dir" -> models = Path.of(value);
                        case "--set" -> {
                            int eq = value.indexOf('=');
                            if (eq < 1) {
                                throw new IllegalArgumentException("--set needs KEY=VALUE, got " + value);
                            }
                            overrides.put(value.substring(0, eq), value.substring(eq + 1));
                        }
                        default -> {
                            String key = TUNABLES.get(flag);
                            if (key == null) {
                                throw new IllegalArgumentException("unknown option " + flag);
                            }
                            overrides.put(key, value);
                        }
                    }
                }
            }
        }
        if (!Files.isDirectory(corpus)) {
            throw new IllegalArgumentException("corpus directory " + corpus + " does not exist; fetch it with"
                    + " modules/bench/fetch-corpora.sh or pass --corpus DIR");
        }
        return new BenchOptions(corpus, docs, warmup, runs, concurrency, Duration.ofMillis(pollMs),
                Duration.ofSeconds(progressSeconds), models, overrides, keep, verbose);
    }
}
