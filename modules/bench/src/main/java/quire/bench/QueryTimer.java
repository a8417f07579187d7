package quire.bench;

import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Times one engine over a query set, single-threaded: a warm-up pass over the queries (at least 300
 * calls; the JIT compiles the search path), then every query once, timed alone; recall@k against
 * the exact answers.
 */
final class QueryTimer {
    private QueryTimer() {
    }

    /** p50 and p99 in milliseconds, mean recall@k. */
    record Timed(double p50Ms, double p99Ms, double recall, int queries) {
    }

    /**
     * @param search  the timed call, from query index to the engine's answer
     * @param rows    untimed: the answer's row ids, best first
     * @param truth   exact top k per query
     * @param limit   time at most this many queries (all when larger)
     */
    static <R> Timed run(IntFunction<R> search, Function<R, int[]> rows, int[][] truth, int k, int limit) {
        int q = Math.min(limit, truth.length);
        // at least 300 calls, cycling over the queries, so a small query set warms up as well as a large one
        for (int i = 0; i < Math.max(300, Math.min(q, 1000)); i++) {
            search.apply(i % q);
        }
        double[] ms = new double[q];
        long found = 0;
        for (int i = 0; i < q; i++) {
            long t0 = System.nanoTime();
            R answer = search.apply(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            found += overlap(rows.apply(answer), truth[i], k);
        }
        long wanted = 0;
        for (int i = 0; i < q; i++) {
            wanted += Math.min(k, truth[i].length);
        }
        return new Timed(Stats.percentile(ms, 50), Stats.percentile(ms, 99), wanted == 0 ? 1 : (double) found / wanted, q);
    }

    static int overlap(int[] got, int[] truth, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, got.length); i++) {
            for (int j = 0; j < Math.min(k, truth.length); j++) {
                if (got[i] == truth[j]) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }

    /** @return bytes of heap in use after full collections (the figure per vector divides a difference of two) */
    static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(150);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
