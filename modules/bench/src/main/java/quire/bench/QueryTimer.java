package quire.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

    /**
     * Times several engines or settings over their query sets in turns: every one is warmed up,
     * then each round times the next slice of every one's queries. A machine whose speed drifts
     * during a run (shared hosts do, by 2x over minutes) then slows all of them alike, so rows
     * meant to be compared (filtered against unfiltered, one path against another) are.
     */
    static final class Turns {
        private final List<Job<?>> jobs = new ArrayList<>();

        private record Job<R>(IntFunction<R> search, Function<R, int[]> rows, int[][] truth, int k, int queries,
                              Consumer<Timed> done, double[] ms, long[] found) {
            void warmUp() {
                for (int i = 0; i < Math.max(300, Math.min(queries, 1000)); i++) {
                    search.apply(i % queries);
                }
            }

            void time(int from, int to) {
                for (int i = from; i < to; i++) {
                    long t0 = System.nanoTime();
                    R answer = search.apply(i);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    found[0] += overlap(rows.apply(answer), truth[i], k);
                }
            }

            void finish() {
                long wanted = 0;
                for (int i = 0; i < queries; i++) {
                    wanted += Math.min(k, truth[i].length);
                }
                done.accept(new Timed(Stats.percentile(ms, 50), Stats.percentile(ms, 99),
                        wanted == 0 ? 1 : (double) found[0] / wanted, queries));
            }
        }

        /** Adds a timing (as {@link QueryTimer#run}); {@code done} gets its result when {@link #run} ends. */
        <R> void add(IntFunction<R> search, Function<R, int[]> rows, int[][] truth, int k, int limit, Consumer<Timed> done) {
            int q = Math.min(limit, truth.length);
            jobs.add(new Job<>(search, rows, truth, k, q, done, new double[q], new long[1]));
        }

        /** Warms every timing up, times them in {@code rounds} turns, then hands each its result, in the order added. */
        void run(int rounds, Consumer<String> progress) {
            for (Job<?> job : jobs) {
                job.warmUp();
            }
            for (int r = 0; r < rounds; r++) {
                for (Job<?> job : jobs) {
                    job.time(job.queries() * r / rounds, job.queries() * (r + 1) / rounds);
                }
                progress.accept("round " + (r + 1) + "/" + rounds + " of " + jobs.size() + " timings");
            }
            for (Job<?> job : jobs) {
                job.finish();
            }
            jobs.clear();
        }
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
