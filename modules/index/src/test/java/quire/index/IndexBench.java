package quire.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import quire.spi.storage.ChunkKey;

/**
 * Micro-benchmark of the index (a main, not a test): build time, heap per vector, query
 * latency and recall@10 per ef, exact scans over candidate sets, snapshot write and load.
 * Synthetic unit vectors of intrinsic dimension 32 ({@code latent}, like sentence embeddings) or
 * tight clusters of isotropic noise ({@code clustered}, a hard case). Run with
 * {@code --add-modules jdk.incubator.vector -XX:+UseSerialGC -Xmx6g} (serial GC makes the heap
 * figure exact); arguments: counts (default 10000,100000), dimensions (default 384), distances
 * (default scalar,simd), data (default latent).
 */
public final class IndexBench {
    private static final int QUERIES = 1000;
    private static final int RECALL_QUERIES = 200;

    private IndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        List<String> wanted = List.of((args.length > 2 ? args[2] : "scalar,simd").split(","));
        String data = args.length > 3 ? args[3] : "latent";
        List<DotProduct> dots = new ArrayList<>();
        if (wanted.contains("scalar")) {
            dots.add(Distances.scalar());
        }
        if (wanted.contains("simd")) {
            Distances.simd().ifPresent(dots::add);
        }
        System.out.printf("java %s, %d cpus, dims %d, data %s, m %d, efConstruction %d%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), dims, data, IndexOptions.DEFAULT_M, IndexOptions.DEFAULT_EF_CONSTRUCTION);
        for (int n : counts) {
            Random random = new Random(n);
            float[][] vectors = data.equals("clustered") ? Vectors.clustered(random, n, dims, Math.max(10, n / 100))
                    : Vectors.latent(1, n, dims, 32, n);
            float[][] queries = data.equals("clustered") ? Vectors.clustered(new Random(n + 1), QUERIES, dims, Math.max(10, n / 100))
                    : Vectors.latent(1, QUERIES, dims, 32, n + 1L);
            ChunkKey[] keys = new ChunkKey[n];
            for (int i = 0; i < n; i++) {
                keys[i] = new ChunkKey("document-" + (i / 20), i % 20);
            }
            List<Set<ChunkKey>> truth = new ArrayList<>();
            for (int q = 0; q < RECALL_QUERIES; q++) {
                truth.add(new HashSet<>(Vectors.exact(queries[q], keys, vectors, 10)));
            }
            for (DotProduct dot : dots) {
                IndexOptions options = IndexOptions.of(dims, "bench");
                long heapBefore = usedHeap();
                long t0 = System.nanoTime();
                VectorIndex index = new VectorIndex(options, dot, 1024);
                for (int i = 0; i < n; i++) {
                    index.add(keys[i], vectors[i]);
                }
                double buildSeconds = (System.nanoTime() - t0) / 1e9;
                long heapAfter = usedHeap();
                System.out.printf("%n n=%d  distance=%s  build %.1f s (%.0f adds/s, one thread)  heap %.0f bytes/vector%n",
                        n, dot.name(), buildSeconds, n / buildSeconds, (heapAfter - heapBefore) / (double) n);
                System.out.println("   ef   p50 ms   p99 ms   recall@10");
                for (int ef : new int[] {50, 100, 200}) {
                    for (int w = 0; w < 300; w++) {
                        index.search(queries[w % QUERIES], 10, ef);
                    }
                    long[] times = new long[QUERIES];
                    for (int q = 0; q < QUERIES; q++) {
                        long s = System.nanoTime();
                        index.search(queries[q], 10, ef);
                        times[q] = System.nanoTime() - s;
                    }
                    int found = 0;
                    for (int q = 0; q < RECALL_QUERIES; q++) {
                        for (IndexHit hit : index.search(queries[q], 10, ef)) {
                            found += truth.get(q).contains(hit.key()) ? 1 : 0;
                        }
                    }
                    Arrays.sort(times);
                    System.out.printf("  %3d  %7.3f  %7.3f   %.4f%n", ef, times[QUERIES / 2] / 1e6, times[QUERIES * 99 / 100] / 1e6,
                            found / (10.0 * RECALL_QUERIES));
                }
                for (double fraction : new double[] {0.01, 0.10}) {
                    List<ChunkKey> candidates = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (random.nextDouble() < fraction) {
                            candidates.add(keys[i]);
                        }
                    }
                    for (int w = 0; w < 200; w++) {
                        index.exactSearch(queries[w % QUERIES], 10, candidates);
                    }
                    long[] times = new long[200];
                    for (int q = 0; q < times.length; q++) {
                        long s = System.nanoTime();
                        index.exactSearch(queries[q], 10, candidates);
                        times[q] = System.nanoTime() - s;
                    }
                    Arrays.sort(times);
                    System.out.printf("  exact scan over %d candidates (%.0f%%): p50 %.3f ms, p99 %.3f ms%n", candidates.size(),
                            fraction * 100, times[times.length / 2] / 1e6, times[times.length * 99 / 100] / 1e6);
                }
                if (dot != dots.get(dots.size() - 1)) {
                    continue;
                }
                Path dir = Files.createTempDirectory("quire-index-bench");
                Path withGraph = dir.resolve("graph.qidx");
                Path vectorsOnly = dir.resolve("vectors.qidx");
                long w0 = System.nanoTime();
                IndexSnapshot.write(index, 1, withGraph, true);
                long w1 = System.nanoTime();
                IndexSnapshot.write(index, 1, vectorsOnly, false);
                long w2 = System.nanoTime();
                IndexSnapshot.Loaded loadedGraph = IndexSnapshot.read(withGraph, options);
                long r1 = System.nanoTime();
                IndexSnapshot.Loaded loadedVectors = IndexSnapshot.read(vectorsOnly, options);
                long r2 = System.nanoTime();
                System.out.printf("  snapshot with graph: %.1f MB, write %.2f s, load %.2f s (graph kept: %s, %d keys)%n",
                        Files.size(withGraph) / 1e6, (w1 - w0) / 1e9, (r1 - w2) / 1e9, loadedGraph.graphKept(),
                        loadedGraph.index().size());
                System.out.printf("  snapshot vectors only: %.1f MB, write %.2f s, load + graph rebuild %.2f s (%d keys)%n",
                        Files.size(vectorsOnly) / 1e6, (w2 - w1) / 1e9, (r2 - r1) / 1e9, loadedVectors.index().size());
                int same = 0;
                for (int q = 0; q < 100; q++) {
                    same += index.search(queries[q], 10, 100).equals(loadedGraph.index().search(queries[q], 10, 100)) ? 1 : 0;
                }
                System.out.printf("  restored graph answers identically on %d of 100 queries%n", same);
                Files.delete(withGraph);
                Files.delete(vectorsOnly);
                Files.delete(dir);
            }
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
}
