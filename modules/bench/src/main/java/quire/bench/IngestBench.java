package quire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import quire.api.http.QuireServices;
import quire.server.QuireServer;
import quire.server.ServerOptions;
import quire.spi.embedding.Embedder;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.StorageBackend;

/**
 * The ingestion benchmark: per run, a fresh in-process server (SQLite, file blobs, real parsers,
 * recursive chunker, the real ONNX embedder) on port 0 ingests N real documents over HTTP; then a
 * fresh embedder with the same settings embeds the very same chunks. Prints progress while it runs
 * and a table of every run with medians and the end-to-end / raw ratio. See README.md.
 */
public final class IngestBench {
    private final BenchOptions options;
    private final PrintStream out;

    /**
     * @param options what to measure
     * @param out     where progress and the table go
     */
    public IngestBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Command-line entry point.
     *
     * @param args see {@link BenchOptions#usage()}
     * @throws Exception when a run fails (the message says which step)
     */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(BenchOptions.usage());
            return;
        }
        Path root = Path.of(System.getProperty("quire.bench.root", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        new IngestBench(options, System.out).run();
    }

    /**
     * Runs every repetition and prints the table.
     *
     * @return every run's numbers
     */
    List<RunResult> run() throws IOException, InterruptedException {
        if (!options.verbose()) {
            quietLogging();
        }
        List<Path> picked = Corpus.pick(options.corpus(), options.docs() + options.warmup());
        if (picked.size() < options.docs() + options.warmup()) {
            throw new IllegalArgumentException("the corpus " + options.corpus() + " has " + picked.size()
                    + " documents; asked for " + options.docs() + " plus " + options.warmup() + " warm-up");
        }
        List<Path> warm = picked.subList(0, options.warmup());
        List<Path> timed = picked.subList(options.warmup(), picked.size());
        out.printf(Locale.ROOT, "Quire ingestion benchmark: %d documents from %s, %d warm-up, %d runs%n",
                timed.size(), options.corpus(), warm.size(), options.runs());
        List<RunResult> results = new ArrayList<>();
        String header = null;
        for (int run = 1; run <= options.runs(); run++) {
            Path data = Files.createTempDirectory("quire-bench-");
            try {
                Measured m = runOnce(run, data, warm, timed);
                results.add(m.result());
                header = m.header();
            } finally {
                if (options.keepData()) {
                    out.println("  data kept in " + data);
                } else {
                    TempTrees.delete(data);
                }
            }
        }
        ResultTable.print(out, header, results);
        return List.copyOf(results);
    }

    private record Measured(RunResult result, String header) {
    }

    private Measured runOnce(int run, Path data, List<Path> warm, List<Path> timed)
            throws IOException, InterruptedException {
        Map<String, String> overrides = serverOverrides();
        String label = "run " + run + "/" + options.runs();
        List<List<String>> warmChunks;
        List<List<String>> timedChunks = new ArrayList<>();
        EndToEnd.Result e2e;
        double e2eCpu;
        int workers;
        int embedBatch;
        String header;
        out.println("[" + label + "] starting the server (data in " + data + ")");
        try (QuireServer server = QuireServer.start(new ServerOptions(null, null, data.resolve("server"),
                System.getenv(), overrides, List.of(), List.of()))) {
            QuireServices services = server.services().orElseThrow(() -> new IllegalStateException(
                    "the server has no document services: storage, blob store, chunker or embedder missing"));
            workers = server.kernel().hostConfig().intValue("ingest.workers");
            embedBatch = server.kernel().hostConfig().intValue("ingest.embed-batch-size");
            Map<String, String> embedder = server.kernel().provider(Embedder.class).orElseThrow().info().details();
            header = String.format(Locale.ROOT, "model %s | ingest.workers %d | ingest.embed-batch-size %d"
                            + " | onnx.batch-size %s | onnx.threads %s | client concurrency %d | raw callers %d"
                            + " | %d cores | %d docs, %d warm-up",
                    embedder.get("model"), workers, embedBatch, embedder.get("batch-size"), embedder.get("threads"),
                    options.concurrency(), workers, Runtime.getRuntime().availableProcessors(), timed.size(),
                    warm.size());
            EndToEnd client = new EndToEnd(new IngestClient(server.url()), options.concurrency(), options.poll());
            if (!warm.isEmpty()) {
                EndToEnd.Result w = client.run(warm, "warmup", null);
                out.printf(Locale.ROOT, "[%s] warm-up: %d documents in %.2f s%n", label, w.documents().size(),
                        w.wallSeconds());
                warmChunks = chunkTexts(services.storage(), w.documents());
            } else {
                warmChunks = List.of();
            }
            try (Progress p = new Progress("[" + label + "] end-to-end", timed.size(), "docs", "chunks",
                    options.progressEvery())) {
                ThreadCpu before = ThreadCpu.snapshot();
                e2eCpu = -cpuSeconds();
                e2e = client.run(timed, "run-" + run, p);
                e2eCpu += cpuSeconds();
                ThreadCpu.snapshot().printSince(before, "[" + label + "] end-to-end", out, 8);
            }
            timedChunks.addAll(chunkTexts(services.storage(), e2e.documents()));
        }
        long chunks = e2e.documents().stream().mapToLong(DocumentTiming::chunks).sum();
        long stored = timedChunks.stream().mapToLong(List::size).sum();
        if (stored != chunks) {
            out.printf(Locale.ROOT, "[%s] WARNING: chunk_ids list %d chunks but storage holds %d%n", label, chunks, stored);
        }
        int failed = (int) e2e.documents().stream().filter(d -> !d.completed()).count();
        e2e.documents().stream().filter(d -> !d.completed()).limit(5).forEach(d ->
                out.printf(Locale.ROOT, "[%s] failed %s: %s%n", label, d.documentId(), d.error()));
        double[] settled = e2e.documents().stream().filter(DocumentTiming::completed)
                .mapToDouble(DocumentTiming::secondsToSettled).toArray();
        out.printf(Locale.ROOT, "[%s] end-to-end: %d documents (%d failed), %d chunks in %.2f s; raw embedder next%n",
                label, e2e.documents().size(), failed, chunks, e2e.wallSeconds());

        double rawSeconds;
        double rawCpu;
        try (RawBaseline raw = RawBaseline.open(data.resolve("raw"), overrides, workers)) {
            if (!warmChunks.isEmpty()) {
                raw.run(warmChunks, embedBatch, null);
            }
            try (Progress p = new Progress("[" + label + "] raw embedder", stored, "chunks", null,
                    options.progressEvery())) {
                ThreadCpu before = ThreadCpu.snapshot();
                rawCpu = -cpuSeconds();
                rawSeconds = raw.run(timedChunks, embedBatch, p);
                rawCpu += cpuSeconds();
                ThreadCpu.snapshot().printSince(before, "[" + label + "] raw embedder", out, 8);
            }
        }
        RunResult result = new RunResult(run, e2e.documents().size(), failed, stored, e2e.wallSeconds(),
                Stats.percentile(settled, 50), Stats.percentile(settled, 95), rawSeconds, e2eCpu, rawCpu);
        out.printf(Locale.ROOT, "[%s] raw embedder: %d chunks in %.2f s; ratio %.2f%n", label, stored, rawSeconds,
                result.ratio());
        return new Measured(result, header);
    }

    /** @return CPU seconds used by this process so far, all threads (onnxruntime's native ones too) */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private Map<String, String> serverOverrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("quire.server.port", "0");
        o.put("quire.storage.provider", "jdbc");
        o.put("quire.blob-store.provider", "fs");
        o.put("quire.chunker.provider", "recursive");
        o.put("quire.embedder.provider", "onnx");
        o.put("quire.embedder.onnx.models-dir", options.modelsDir().toAbsolutePath().toString());
        o.putAll(options.overrides());
        return o;
    }

    /** @return the stored chunk texts of the completed documents, per document, in chunk order */
    private static List<List<String>> chunkTexts(StorageBackend storage, List<DocumentTiming> docs) {
        List<List<String>> out = new ArrayList<>();
        for (DocumentTiming d : docs) {
            if (d.completed()) {
                out.add(storage.chunksOf(d.documentId()).stream().map(ChunkRecord::content).toList());
            }
        }
        return out;
    }

    private static void quietLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
    }
}
