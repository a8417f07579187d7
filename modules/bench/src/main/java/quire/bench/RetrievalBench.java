package quire.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import quire.retrieval.SearchPlanner;

/**
 * The retrieval benchmark, in one run and one table: brute force, our HNSW index and Lucene's
 * HNSW on real embedded chunks and synthetic unit vectors (build time, heap per vector, query
 * p50/p99, recall@10, latency ratio to Lucene), filtered queries at 10% and 1% selectivity, and
 * {@code POST /retrieve/chunks} end to end over HTTP. See README.md.
 */
public final class RetrievalBench {
    /** rounds our timings take turns in (QueryTimer.Turns) */
    private static final int TURNS = 5;

    private final RetrievalOptions options;
    private final PrintStream out;

    RetrievalBench(RetrievalOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Command-line entry point.
     *
     * @param args see {@link RetrievalOptions#usage()}
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(RetrievalOptions.usage());
            return;
        }
        Path root = Path.of(System.getProperty("quire.bench.root", ".")).toAbsolutePath().normalize();
        RetrievalOptions options;
        try {
            options = RetrievalOptions.parse(Arrays.asList(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(RetrievalOptions.usage());
            System.exit(2);
            return;
        }
        quietLogging();
        new RetrievalBench(options, System.out).run();
    }

    List<RetrievalTable.Row> run() throws Exception {
        VectorCache.Loaded realVectors = null;
        if (options.real() > 0 || options.embedOnly()) {
            realVectors = CorpusEmbedder.ensure(options.cache(), options.corpora(), options.modelsDir(), options.embedder(),
                    options.real() + options.queries(), out);
        }
        if (options.embedOnly()) {
            return List.of();
        }
        long started = System.nanoTime();
        RetrievalTable table = new RetrievalTable();
        List<RetrievalTable.Row> oursRows = new ArrayList<>();
        List<RetrievalTable.Row> luceneRows = new ArrayList<>();
        int dims = realVectors != null ? realVectors.dimensions() : 384;
        if (realVectors != null) {
            if (realVectors.count() < options.real() + options.queries()) {
                out.printf(Locale.ROOT, "[real] NOTE: the corpus gave only %d chunks; %d wanted%n", realVectors.count(),
                        options.real() + options.queries());
            }
            Dataset real = Dataset.real(realVectors, options.queries());
            realVectors = null;
            measure(real, table, oursRows, luceneRows);
            table.print(out, "(table so far)");
        }
        for (int n : options.synthetic()) {
            out.printf(Locale.ROOT, "[synthetic %d] generating %d + %d unit vectors, %d dims%n", n, n, options.queries(), dims);
            measure(Dataset.synthetic(n, dims, options.queries(), n), table, oursRows, luceneRows);
            if (n != options.synthetic().get(options.synthetic().size() - 1)) {
                table.print(out, "(table so far)");
            }
        }
        RetrieveEndToEnd.Result e2e = null;
        if (options.e2eDocs() > 0) {
            out.printf(Locale.ROOT, "[e2e] starting the server, ingesting %d pages%n", options.e2eDocs());
            e2e = RetrieveEndToEnd.run(options.corpora(), options.modelsDir(), options.embedder(), options.e2eDocs(),
                    options.e2eQueries(), out);
        }
        String header = String.format(Locale.ROOT, "Retrieval benchmark | java %s | %d cores | load %s | M %d efConstruction %d"
                        + " | build threads %d (ours and Lucene) | queries k=10, one thread | exact scan %s | %.0f s",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), load(), options.m(), options.efConstruction(),
                options.buildThreads(), ExactScan.species(), (System.nanoTime() - started) / 1e9);
        table.print(out, header);
        table.printEqualRecall(out, oursRows, luceneRows);
        table.printFilteredAgainstUnfiltered(out);
        if (e2e != null) {
            out.printf(Locale.ROOT, "e2e POST /retrieve/chunks k=10 over HTTP (query embedding included): %d documents, %d chunks,"
                            + " %d queries: p50 %.2f ms, p99 %.2f ms, %.1f hits/query; the query embedding alone"
                            + " (embedQuery, in process): p50 %.2f ms, p99 %.2f ms%n", e2e.documents(), e2e.chunks(), e2e.queries(),
                    e2e.p50Ms(), e2e.p99Ms(), e2e.meanHits(), e2e.embedP50Ms(), e2e.embedP99Ms());
        }
        out.println("load average at the end: " + load());
        return table.rows();
    }

    /** Brute force, ours and Lucene on one data set: adds its rows to the table. */
    private void measure(Dataset data, RetrievalTable table, List<RetrievalTable.Row> oursRows,
                         List<RetrievalTable.Row> luceneRows) throws Exception {
        String label = "[" + data.name() + " " + data.size() + "]";
        int n = data.size();
        int k = 10;
        int q = data.queryCount();
        int threads = Runtime.getRuntime().availableProcessors();
        int[] percents = {10, 1};
        BitSet[] allowedRows = new BitSet[percents.length];
        BitSet[] allowedDocs = new BitSet[percents.length];
        for (int f = 0; f < percents.length; f++) {
            allowedRows[f] = new BitSet(n);
            allowedDocs[f] = new BitSet(data.documents());
            for (int d = 0; d < data.documents(); d++) {
                if (Dataset.bucket(d) < percents[f]) {
                    allowedDocs[f].set(d);
                }
            }
            for (int i = 0; i < n; i++) {
                if (allowedDocs[f].get(data.docOf()[i])) {
                    allowedRows[f].set(i);
                }
            }
        }
        long t0 = System.nanoTime();
        int[][] truth = ExactScan.truth(data, k, null, threads);
        int[][][] filteredTruth = new int[percents.length][][];
        for (int f = 0; f < percents.length; f++) {
            filteredTruth[f] = ExactScan.truth(data, k, allowedRows[f], threads);
        }
        out.printf(Locale.ROOT, "%s %d documents, %d queries; exact answers (%d threads) in %.1f s; filters select %.2f%% and %.2f%% of the chunks%n",
                label, data.documents(), q, threads, (System.nanoTime() - t0) / 1e9,
                100.0 * allowedRows[0].cardinality() / n, 100.0 * allowedRows[1].cardinality() / n);
        String name = data.name();
        int bruteLimit = n > 200_000 ? 200 : q;
        QueryTimer.Timed brute = QueryTimer.run(i -> ExactScan.topK(data.base(), data.dims(), data.query(i), k, null), r -> r,
                truth, k, bruteLimit);
        table.add(new RetrievalTable.Row(name, "brute force (" + ExactScan.species() + ")", n, Double.NaN, 4.0 * data.dims(), brute,
                null, null));
        out.printf(Locale.ROOT, "%s brute force: p50 %.3f ms, p99 %.3f ms%n", label, brute.p50Ms(), brute.p99Ms());

        List<RetrievalTable.Row> ours = new ArrayList<>();
        List<RetrievalTable.Row> oursFiltered = new ArrayList<>();
        if (options.ours()) {
            OursEngine o = new OursEngine(data);
            out.printf(Locale.ROOT, "%s building ours (VectorIndex, %d threads)%n", label, options.buildThreads());
            o.build(options.m(), options.efConstruction(), options.buildThreads(), out, label);
            out.printf(Locale.ROOT, "%s ours built in %.1f s, %.0f bytes/vector, distance %s%n", label, o.buildSeconds,
                    o.bytesPerVector, o.distance());
            // all of ours is timed in turns (QueryTimer.Turns): filtered rows are compared with unfiltered ones
            QueryTimer.Turns turns = new QueryTimer.Turns();
            for (int ef : options.efs()) {
                turns.add(i -> o.search(data.query(i), k, ef), o::rows, truth, k, q, t -> {
                    ours.add(new RetrievalTable.Row(name, "ours " + o.distance() + " ef=" + ef, n, o.buildSeconds, o.bytesPerVector, t,
                            null, null));
                    out.printf(Locale.ROOT, "%s ours ef=%d: p50 %.3f ms, p99 %.3f ms, recall %.4f%n", label, ef, t.p50Ms(), t.p99Ms(),
                            t.recall());
                });
            }
            // filtered: the planner with its shipped settings at each ef, and at 10% the paths it did not choose
            var settings = OursEngine.defaults();
            for (int f = 0; f < percents.length; f++) {
                Set<String> candidates = o.candidates(allowedDocs[f]);
                int percent = percents[f];
                int[][] fTruth = filteredTruth[f];
                boolean exactTimed = false;
                for (int ef : options.efs()) {
                    SearchPlanner.Path path = SearchPlanner.choose(allowedRows[f].cardinality(), n, k, ef,
                            settings.exactScanMaxChunks(), settings.exactScanMaxFraction());
                    // repeated, as every query asks the same filter; then with the index's cache of selections
                    // emptied before every query: a filter's first use
                    for (boolean firstUse : new boolean[] {false, true}) {
                        String how = pathName(path) + (firstUse ? ", new filter" : "");
                        turns.add(i -> {
                            if (firstUse) {
                                o.forgetSelections();
                            }
                            return o.planned(data.query(i), k, candidates, settings.exactScanMaxChunks(),
                                    settings.exactScanMaxFraction(), ef);
                        }, o::rows, fTruth, k, q, t -> {
                            oursFiltered.add(new RetrievalTable.Row(name, "ours filter " + percent + "% ef=" + ef + " planner: " + how,
                                    n, Double.NaN, Double.NaN, t, null, null));
                            out.printf(Locale.ROOT, "%s ours filtered %d%% ef=%d (planner, %s): p50 %.3f ms, p99 %.3f ms, recall %.4f%n",
                                    label, percent, ef, how, t.p50Ms(), t.p99Ms(), t.recall());
                        });
                    }
                    exactTimed |= path == SearchPlanner.Path.EXACT_SCAN;
                    if (percent >= 10) {
                        for (SearchPlanner.Path other : new SearchPlanner.Path[] {SearchPlanner.Path.SKETCH_SCAN, SearchPlanner.Path.HNSW}) {
                            if (other != path) {
                                forced(turns, oursFiltered, o, data, name, label, other, percent, candidates, fTruth, k, q, ef, out);
                            }
                        }
                    }
                }
                if (percent >= 10 && !exactTimed) {
                    forced(turns, oursFiltered, o, data, name, label, SearchPlanner.Path.EXACT_SCAN, percent, candidates, fTruth, k, q,
                            settings.ef(), out);
                }
            }
            turns.run(TURNS, line -> out.printf(Locale.ROOT, "%s ours: %s%n", label, line));
            o.close();
        }

        List<RetrievalTable.Row> lucene = new ArrayList<>();
        List<RetrievalTable.Row> luceneFiltered = new ArrayList<>();
        List<RetrievalTable.Row> mmap = new ArrayList<>();
        List<RetrievalTable.Row> mmapFiltered = new ArrayList<>();
        if (options.lucene()) {
            LuceneEngine l = new LuceneEngine(data);
            out.printf(Locale.ROOT, "%s building Lucene HNSW (%d threads)%n", label, options.buildThreads());
            l.build(options.m(), options.efConstruction(), options.buildThreads(), out, label);
            l.openMmapCopy();
            out.printf(Locale.ROOT, "%s Lucene built in %.1f s, %.0f heap bytes/vector (ByteBuffersDirectory), files %.0f bytes/vector,"
                            + " %d segment(s); copied to MMapDirectory %s%n", label, l.buildSeconds, l.bytesPerVector,
                    (double) l.directoryBytes / n, l.segments, l.mmapPath());
            for (boolean mapped : new boolean[] {false, true}) {
                String kind = mapped ? "lucene mmap" : "lucene heap";
                double bytes = mapped ? (double) l.directoryBytes / n : l.bytesPerVector;
                for (int ef : options.efs()) {
                    QueryTimer.Timed t = QueryTimer.run(i -> l.search(data.query(i), k, ef, null, mapped), l::rows, truth, k, q);
                    (mapped ? mmap : lucene).add(new RetrievalTable.Row(name, kind + " ef=" + ef, n, l.buildSeconds, bytes, t, null,
                            null));
                    out.printf(Locale.ROOT, "%s %s ef=%d: p50 %.3f ms, p99 %.3f ms, recall %.4f%n", label, kind, ef, t.p50Ms(), t.p99Ms(),
                            t.recall());
                }
                for (int f = 0; f < percents.length; f++) {
                    var filter = LuceneEngine.filter(percents[f]);
                    for (int ef : options.efs()) {
                        QueryTimer.Timed t = QueryTimer.run(i -> l.search(data.query(i), k, ef, filter, mapped), l::rows,
                                filteredTruth[f], k, q);
                        (mapped ? mmapFiltered : luceneFiltered).add(new RetrievalTable.Row(name, kind + " filter " + percents[f]
                                + "% ef=" + ef, n, Double.NaN, Double.NaN, t, null, null));
                        out.printf(Locale.ROOT, "%s %s filtered %d%% ef=%d: p50 %.3f ms, p99 %.3f ms, recall %.4f%n", label, kind,
                                percents[f], ef, t.p50Ms(), t.p99Ms(), t.recall());
                    }
                }
            }
            l.close();
        }
        for (int i = 0; i < ours.size(); i++) {
            ours.set(i, ours.get(i).comparedWith(lucene.isEmpty() ? null : lucene.get(i), mmap.isEmpty() ? null : mmap.get(i)));
        }
        ours.forEach(table::add);
        lucene.forEach(table::add);
        mmap.forEach(table::add);
        for (RetrievalTable.Row r : oursFiltered) {
            table.add(r.comparedWith(sameFilter(r, luceneFiltered), sameFilter(r, mmapFiltered)));
        }
        luceneFiltered.forEach(table::add);
        mmapFiltered.forEach(table::add);
        oursRows.addAll(ours);
        luceneRows.addAll(lucene);
        luceneRows.addAll(mmap);
    }

    /** @return the Lucene row with the same filter and ef as ours, or null */
    private static RetrievalTable.Row sameFilter(RetrievalTable.Row ours, List<RetrievalTable.Row> lucene) {
        for (RetrievalTable.Row r : lucene) {
            if (percentOf(r.engine()).equals(percentOf(ours.engine())) && efOf(r.engine()).equals(efOf(ours.engine()))) {
                return r;
            }
        }
        return null;
    }

    /** Times a path the planner did not choose for a filter, so the table shows what the choice was worth. */
    private static void forced(QueryTimer.Turns turns, List<RetrievalTable.Row> rows, OursEngine o, Dataset data, String name,
                               String label, SearchPlanner.Path path, int percent, Set<String> candidates, int[][] truth, int k,
                               int q, int ef, PrintStream out) {
        turns.add(i -> o.follow(path, data.query(i), k, candidates, ef), o::rows, truth, k, q, t -> {
            out.printf(Locale.ROOT, "%s ours filtered %d%% ef=%d (%s forced): p50 %.3f ms, p99 %.3f ms, recall %.4f%n", label,
                    percent, ef, pathName(path), t.p50Ms(), t.p99Ms(), t.recall());
            rows.add(new RetrievalTable.Row(name, "ours filter " + percent + "% ef=" + ef + " forced: " + pathName(path), data.size(),
                    Double.NaN, Double.NaN, t, null, null));
        });
    }

    private static String pathName(SearchPlanner.Path path) {
        return switch (path) {
            case EXACT_SCAN -> "exact";
            case SKETCH_SCAN -> "sketch";
            case HNSW -> "hnsw walk";
        };
    }

    /** @return "10%" of "ours filter 10% ef=100 planner: exact" */
    private static String percentOf(String engine) {
        int end = engine.indexOf('%');
        return engine.substring(engine.lastIndexOf(' ', end) + 1, end + 1);
    }

    /** @return "ef=100" of "ours filter 10% ef=100 planner: exact" */
    private static String efOf(String engine) {
        int start = engine.indexOf("ef=");
        int end = engine.indexOf(' ', start);
        return engine.substring(start, end < 0 ? engine.length() : end);
    }

    private static String load() {
        try {
            String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void quietLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
        // except Lucene's one line saying whether it scores vectors with the Vector API
        Logger lucene = Logger.getLogger("org.apache.lucene.internal.vectorization");
        lucene.setLevel(Level.INFO);
        lucene.setUseParentHandlers(false);
        java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
        console.setLevel(Level.INFO);
        lucene.addHandler(console);
        LUCENE_LOGGER = lucene;
    }

    /** held so the logger's level is not collected with it */
    private static Logger LUCENE_LOGGER;
}
