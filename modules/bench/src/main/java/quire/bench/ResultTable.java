package quire.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Prints the runs and their medians as a fixed-width table, with the verdict against the target. */
final class ResultTable {
    /** The pipeline may add at most 10% to the raw embedder's time per chunk. */
    static final double TARGET_RATIO = 0.9;

    private static final String ROW = "%-6s %5s %6s %7s %8s %7s %9s %7s %7s %8s %9s %6s %10s %10s %9s%n";

    private ResultTable() {
    }

    static void print(PrintStream out, String header, List<RunResult> runs) {
        out.println();
        out.println(header);
        out.printf(Locale.ROOT, ROW, "run", "docs", "failed", "chunks", "e2e s", "docs/s", "e2e ch/s",
                "p50 s", "p95 s", "raw s", "raw ch/s", "ratio", "e2e cpu/ch", "raw cpu/ch", "cpu ratio");
        for (RunResult r : runs) {
            out.printf(Locale.ROOT, ROW, Integer.toString(r.run()), Integer.toString(r.documents()),
                    Integer.toString(r.failed()), Long.toString(r.chunks()), f2(r.endToEndSeconds()),
                    f2(r.documentsPerSecond()), f1(r.endToEndChunksPerSecond()), f2(r.p50SecondsToSettled()),
                    f2(r.p95SecondsToSettled()), f2(r.rawSeconds()), f1(r.rawChunksPerSecond()), f2(r.ratio()),
                    f1(r.endToEndCpuMillisPerChunk()), f1(r.rawCpuMillisPerChunk()), f2(r.cpuRatio()));
        }
        out.printf(Locale.ROOT, ROW, "median", "", "", f0(median(runs, RunResult::chunks)),
                f2(median(runs, RunResult::endToEndSeconds)), f2(median(runs, RunResult::documentsPerSecond)),
                f1(median(runs, RunResult::endToEndChunksPerSecond)), f2(median(runs, RunResult::p50SecondsToSettled)),
                f2(median(runs, RunResult::p95SecondsToSettled)), f2(median(runs, RunResult::rawSeconds)),
                f1(median(runs, RunResult::rawChunksPerSecond)), f2(median(runs, RunResult::ratio)),
                f1(median(runs, RunResult::endToEndCpuMillisPerChunk)), f1(median(runs, RunResult::rawCpuMillisPerChunk)),
                f2(median(runs, RunResult::cpuRatio)));
        double ratio = median(runs, RunResult::ratio);
        out.printf(Locale.ROOT, "end-to-end / raw embedder = %.2fx (median of %d), target >= %.2fx: %s%n", ratio,
                runs.size(), TARGET_RATIO, ratio >= TARGET_RATIO ? "MET" : "NOT MET");
        out.printf(Locale.ROOT, "in CPU time: raw / end-to-end CPU ms per chunk = %.2fx (median)%n",
                median(runs, RunResult::cpuRatio));
        out.println("ratio = e2e ch/s / raw ch/s; p50/p95 = upload start to status completed per document;"
                + " cpu/ch = process CPU ms per chunk (server, embedder and client threads)");
    }

    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        return Stats.median(runs.stream().mapToDouble(value).toArray());
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
