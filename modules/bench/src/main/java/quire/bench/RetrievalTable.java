package quire.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's one table: a row per engine and setting, per data set. */
final class RetrievalTable {
    /**
     * @param data     data set label
     * @param engine   what answered
     * @param n        vectors indexed
     * @param build    build seconds (NaN: none)
     * @param bytes    heap bytes per vector (NaN: not measured)
     * @param timed    latency and recall
     * @param lucene   the Lucene (ByteBuffersDirectory) row this one is compared with, or null
     * @param mmap     the Lucene (MMapDirectory) row this one is compared with, or null
     */
    record Row(String data, String engine, int n, double build, double bytes, QueryTimer.Timed timed, Row lucene, Row mmap) {
        String ratio() {
            return ratio(lucene);
        }

        String mmapRatio() {
            return ratio(mmap);
        }

        private String ratio(Row other) {
            return other == null ? "" : String.format(Locale.ROOT, "%.2fx", timed.p50Ms() / other.timed().p50Ms());
        }

        Row comparedWith(Row heapLucene, Row mmapLucene) {
            return new Row(data, engine, n, build, bytes, timed, heapLucene, mmapLucene);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void print(PrintStream out, String header) {
        out.println();
        out.println(header);
        String fmt = "%-10s %-40s %8s %8s %7s %8s %8s %9s %9s %9s%n";
        out.printf(Locale.ROOT, fmt, "data", "engine", "n", "build s", "B/vec", "p50 ms", "p99 ms", "recall@10", "vs L-heap",
                "vs L-mmap");
        String last = null;
        for (Row r : rows) {
            if (last != null && !last.equals(r.data() + r.n())) {
                out.println();
            }
            last = r.data() + r.n();
            out.printf(Locale.ROOT, fmt, r.data(), r.engine(), r.n(), Double.isNaN(r.build()) ? "-" : String.format(Locale.ROOT, "%.1f", r.build()),
                    Double.isNaN(r.bytes()) ? "-" : String.format(Locale.ROOT, "%.0f", r.bytes()),
                    String.format(Locale.ROOT, "%.3f", r.timed().p50Ms()), String.format(Locale.ROOT, "%.3f", r.timed().p99Ms()),
                    String.format(Locale.ROOT, "%.4f", r.timed().recall()), r.ratio(), r.mmapRatio());
        }
    }

    /**
     * For each of our unfiltered rows, the fastest Lucene row (same data) whose recall is at least
     * ours: the latency ratio at equal (or better, for Lucene) recall.
     */
    void printEqualRecall(PrintStream out, List<Row> ours, List<Row> lucene) {
        for (Row o : ours) {
            Row best = null;
            for (Row l : lucene) {
                if (l.data().equals(o.data()) && l.n() == o.n() && l.timed().recall() >= o.timed().recall() - 1e-9
                        && (best == null || l.timed().p50Ms() < best.timed().p50Ms())) {
                    best = l;
                }
            }
            out.printf(Locale.ROOT, "  equal recall, %s n=%d: %s (recall %.4f, p50 %.3f ms) vs %s: %s%n", o.data(), o.n(),
                    o.engine(), o.timed().recall(), o.timed().p50Ms(), best == null ? "no Lucene row at that recall" : best.engine()
                            + String.format(Locale.ROOT, " (recall %.4f, p50 %.3f ms)", best.timed().recall(), best.timed().p50Ms()),
                    best == null ? "n/a" : String.format(Locale.ROOT, "ratio %.2fx", o.timed().p50Ms() / best.timed().p50Ms()));
        }
    }

    /**
     * For each of our filtered planner rows: the unfiltered row of ours at the same ef, and the
     * fastest unfiltered row of ours with at least its recall (the target: filtered no slower).
     */
    void printFilteredAgainstUnfiltered(PrintStream out) {
        for (Row f : rows) {
            if (!f.engine().startsWith("ours filter") || !f.engine().contains("planner")) {
                continue;
            }
            String ef = f.engine().substring(f.engine().indexOf("ef="), f.engine().indexOf(' ', f.engine().indexOf("ef=")));
            Row sameEf = null;
            Row equalRecall = null;
            for (Row u : rows) {
                if (!u.engine().startsWith("ours ") || u.engine().contains("filter") || !u.data().equals(f.data()) || u.n() != f.n()) {
                    continue;
                }
                if (u.engine().endsWith(" " + ef)) {
                    sameEf = u;
                }
                if (u.timed().recall() >= f.timed().recall() - 1e-9
                        && (equalRecall == null || u.timed().p50Ms() < equalRecall.timed().p50Ms())) {
                    equalRecall = u;
                }
            }
            out.printf(Locale.ROOT, "  filtered vs unfiltered, %s n=%d: %s (recall %.4f, p50 %.3f ms): %s; %s%n", f.data(), f.n(),
                    f.engine(), f.timed().recall(), f.timed().p50Ms(), compared("same ef", f, sameEf),
                    compared("at least its recall", f, equalRecall));
        }
    }

    private static String compared(String what, Row filtered, Row unfiltered) {
        if (unfiltered == null) {
            return what + ": no unfiltered row";
        }
        return String.format(Locale.ROOT, "%s %s (recall %.4f, p50 %.3f ms) %.2fx", what, unfiltered.engine(),
                unfiltered.timed().recall(), unfiltered.timed().p50Ms(), filtered.timed().p50Ms() / unfiltered.timed().p50Ms());
    }
}
