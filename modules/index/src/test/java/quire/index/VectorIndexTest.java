package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import quire.spi.storage.ChunkKey;

class VectorIndexTest {
    private static final int DIMS = 64;

    private static ChunkKey key(int i) {
        return new ChunkKey("doc-" + (i / 10), i % 10);
    }

    @Test
    void recallAtTenAgainstExactSearchIsAtLeastNinetyFivePercent() {
        Random random = new Random(42);
        int n = 2000;
        float[][] vectors = Vectors.clustered(random, n, DIMS, 40);
        ChunkKey[] keys = new ChunkKey[n];
        VectorIndex index = new VectorIndex(IndexOptions.of(DIMS, "test"));
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
            index.add(keys[i], vectors[i]);
        }
        assertEquals(n, index.size());
        int found = 0;
        int queries = 200;
        for (int q = 0; q < queries; q++) {
            float[] query = Vectors.clustered(random, 1, DIMS, 40)[0];
            List<ChunkKey> truth = Vectors.exact(query, keys, vectors, 10);
            Set<ChunkKey> got = new HashSet<>();
            for (IndexHit hit : index.search(query, 10, 100)) {
                got.add(hit.key());
            }
            for (ChunkKey t : truth) {
                found += got.contains(t) ? 1 : 0;
            }
        }
        double recall = found / (10.0 * queries);
        assertTrue(recall >= 0.95, "recall@10 = " + recall);
    }

    /**
     * hnswlib's visited-set pool has as many sets as processors, and its add waits for one while
     * holding the monitor of the node it inserts, which other adds and searches that hold sets may
     * be waiting for: more threads inside hnswlib than sets can deadlock (it did, on two cores with
     * three adding threads). The index lets no more threads into hnswlib's add and findNearest
     * than the pool has sets; a dot product that lingers now and then makes them overlap.
     */
    @Test
    void noMoreThreadsEnterHnswlibThanItsPoolHasVisitedSets() throws InterruptedException {
        int processors = Runtime.getRuntime().availableProcessors();
        int threads = 4 * processors + 4;
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        DotProduct lingering = new DotProduct() {
            private float measured(java.util.function.Supplier<Float> dot) {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    if (calls.incrementAndGet() % 64 == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(300_000);
                    }
                    return dot.get();
                } finally {
                    inside.decrementAndGet();
                }
            }

            @Override
            public float dot(float[] q, short[] codes) {
                return measured(() -> Distances.DOT.dot(q, codes));
            }

            @Override
            public float dot(short[] a, short[] b) {
                return measured(() -> Distances.DOT.dot(a, b));
            }

            @Override
            public void dot4(float[] q, short[] a, short[] b, short[] c, short[] d, float[] out) {
                Distances.DOT.dot4(q, a, b, c, d, out);
            }

            @Override
            public float dot(float[] q, byte[] codes, int offset) {
                return Distances.DOT.dot(q, codes, offset);
            }

            @Override
            public void dot4(float[] q, byte[] codes, int a, int b, int c, int d, float[] out) {
                Distances.DOT.dot4(q, codes, a, b, c, d, out);
            }

            @Override
            public String name() {
                return "lingering";
            }
        };
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40), lingering, 64);
        Random random = new Random(14);
        List<ChunkKey> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 64 * threads; i++) {
            keys.add(key(i));
            vectors.add(Vectors.unit(random, DIMS));
        }
        index.add(keys.get(0), vectors.get(0));
        AtomicBoolean adding = new AtomicBoolean(true);
        List<Thread> searchers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            float[] query = Vectors.unit(random, DIMS);
            searchers.add(Thread.ofPlatform().daemon().start(() -> {
                while (adding.get()) {
                    index.search(query, 5, 20, false); // hnswlib's own findNearest borrows a set too
                }
            }));
        }
        Thread adder = Thread.ofPlatform().daemon().start(() -> index.addAll(keys, vectors, threads));
        adder.join(300_000);
        adding.set(false);
        assertFalse(adder.isAlive(), "the adds have not finished in five minutes (deadlocked)");
        for (Thread searcher : searchers) {
            searcher.join(60_000);
            assertFalse(searcher.isAlive(), "a search has not finished");
        }
        assertEquals(new HashSet<>(keys), index.keys());
        assertTrue(most.get() <= processors, most.get() + " threads were inside hnswlib at once; its pool has " + processors + " sets");
    }

    @Test
    void addAllOnSeveralThreadsAddsEverything() {
        Random random = new Random(4);
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        List<ChunkKey> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            keys.add(key(i));
            vectors.add(Vectors.unit(random, DIMS));
        }
        index.addAll(keys, vectors, 3);
        assertEquals(new HashSet<>(keys), index.keys());
        for (int i = 0; i < 1500; i += 50) {
            assertEquals(keys.get(i), index.search(vectors.get(i), 1, 50).get(0).key());
        }
        List<float[]> bad = new ArrayList<>(vectors);
        bad.set(700, new float[] {1});
        VectorIndex other = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        assertThrows(IllegalArgumentException.class, () -> other.addAll(keys, bad, 3));
    }

    @Test
    void searchOrdersBySimilarityAndFindsTheVectorItself() {
        Random random = new Random(1);
        VectorIndex index = new VectorIndex(IndexOptions.of(DIMS, "test"));
        float[][] vectors = new float[300][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = Vectors.unit(random, DIMS);
            index.add(key(i), vectors[i]);
        }
        List<IndexHit> hits = index.search(vectors[123], 5, 50);
        assertEquals(5, hits.size());
        assertEquals(key(123), hits.get(0).key());
        assertEquals(1f, hits.get(0).similarity(), 1e-5f);
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).similarity() >= hits.get(i).similarity());
        }
        // k larger than the index: everything comes back
        assertEquals(300, index.search(vectors[0], 1000, 10).size());
    }

    @Test
    void unnormalisedInputIsNormalisedAndBadInputRefused() {
        VectorIndex index = new VectorIndex(IndexOptions.of(3, "test"));
        index.add(new ChunkKey("a", 0), new float[] {3, 0, 0});
        index.add(new ChunkKey("b", 0), new float[] {0, 0.5f, 0});
        List<IndexHit> hits = index.search(new float[] {10, 1, 0}, 2, 10);
        assertEquals(new ChunkKey("a", 0), hits.get(0).key());
        assertEquals(10 / Math.sqrt(101), hits.get(0).similarity(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> index.add(new ChunkKey("c", 0), new float[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> index.add(new ChunkKey("c", 0), new float[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> index.add(new ChunkKey("c", 0), new float[] {Float.NaN, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0}, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0, 0}, 0, 10));
        assertEquals(2, index.size());
    }

    @Test
    void addReplacesRemoveAndRemoveDocumentForget() {
        VectorIndex index = new VectorIndex(IndexOptions.of(2, "test"));
        ChunkKey a0 = new ChunkKey("a", 0);
        ChunkKey a1 = new ChunkKey("a", 1);
        ChunkKey b0 = new ChunkKey("b", 0);
        index.add(a0, new float[] {1, 0});
        index.add(a1, new float[] {0, 1});
        index.add(b0, new float[] {-1, 0});
        // replacing a vector moves the key, for filtered walks as well
        index.add(a0, new float[] {0, -1});
        assertEquals(3, index.size());
        assertEquals(a0, index.search(new float[] {0, -1}, 1, 10).get(0).key());
        assertEquals(List.of(a0, a1), index.searchDocuments(new float[] {0, -1}, 2, 10, Set.of("a")).stream()
                .map(IndexHit::key).toList());
        assertEquals(1f, index.searchDocuments(new float[] {0, -1}, 1, 10, Set.of("a")).get(0).similarity(), 1e-4f);
        assertEquals(b0, index.search(new float[] {1, 0}, 3, 10).get(2).key().equals(a0)
                ? b0 : index.search(new float[] {-1, 0}, 1, 10).get(0).key());

        assertTrue(index.remove(b0));
        assertFalse(index.remove(b0));
        assertFalse(index.contains(b0));
        assertEquals(Set.of(a0, a1), index.keys());
        for (IndexHit hit : index.search(new float[] {-1, 0}, 3, 10)) {
            assertTrue(!hit.key().equals(b0));
        }

        assertEquals(2, index.removeDocument("a"));
        assertEquals(0, index.removeDocument("a"));
        assertEquals(0, index.size());
        assertTrue(index.search(new float[] {1, 0}, 3, 10).isEmpty());

        // a removed key can come back
        index.add(b0, new float[] {1, 1});
        assertEquals(List.of(b0), index.search(new float[] {1, 0}, 3, 10).stream().map(IndexHit::key).toList());
    }

    @Test
    void addingTheSameVectorAgainChangesNothing() {
        VectorIndex index = new VectorIndex(IndexOptions.of(3, "test"));
        ChunkKey a0 = new ChunkKey("a", 0);
        assertTrue(index.add(a0, new float[] {1, 2, 3}));
        // the same direction, scaled: the same unit vector
        assertFalse(index.add(a0, new float[] {2, 4, 6}));
        assertFalse(index.add(a0, new float[] {1, 2, 3}));
        assertEquals(0, index.removedNodes(), "hnswlib replaces by flagging the old node removed");
        assertTrue(index.add(a0, new float[] {3, 2, 1}));
        assertEquals(1, index.removedNodes());
        assertEquals(1, index.size());
        assertEquals(a0, index.search(new float[] {3, 2, 1}, 1, 10).get(0).key());
    }

    @Test
    void exactSearchMatchesBruteForceOverTheCandidates() {
        Random random = new Random(3);
        int n = 2000;
        float[][] vectors = Vectors.clustered(random, n, DIMS, 20);
        ChunkKey[] keys = new ChunkKey[n];
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
            index.add(keys[i], vectors[i]);
        }
        List<ChunkKey> candidates = new ArrayList<>();
        ChunkKey[] candidateKeys = new ChunkKey[n];
        for (int i = 0; i < n; i += 17) {
            candidates.add(keys[i]);
            candidateKeys[i] = keys[i];
        }
        candidates.add(new ChunkKey("not-indexed", 0));
        float[] query = Vectors.unit(random, DIMS);
        List<ChunkKey> expected = Vectors.exact(query, candidateKeys, vectors, 10);
        List<IndexHit> hits = index.exactSearch(query, 10, candidates);
        assertEquals(expected, hits.stream().map(IndexHit::key).toList());
        assertEquals(Vectors.dot(query, vectors[Integer.parseInt(expected.get(0).documentId().substring(4)) * 10
                + expected.get(0).chunkNumber()]), hits.get(0).similarity(), 1e-4f);
        assertTrue(index.exactSearch(query, 5, List.of()).isEmpty());
    }

    @Test
    void exactSearchOfDocumentsScansTheirLiveChunksOnly() {
        Random random = new Random(5);
        int n = 1000;
        float[][] vectors = Vectors.clustered(random, n, DIMS, 10);
        ChunkKey[] keys = new ChunkKey[n];
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
            index.add(keys[i], vectors[i]);
        }
        // documents doc-0 .. doc-99 hold chunks 0..9; pick every third document, change some of them
        index.removeDocument("doc-3");
        index.remove(key(61));
        vectors[62] = Vectors.unit(random, DIMS);
        index.add(key(62), vectors[62]);
        List<String> documents = new ArrayList<>();
        ChunkKey[] live = new ChunkKey[n];
        for (int d = 0; d < 100; d += 3) {
            documents.add("doc-" + d);
            for (int c = 0; c < 10; c++) {
                int i = d * 10 + c;
                live[i] = d == 3 || i == 61 ? null : keys[i];
            }
        }
        documents.add("not-indexed");
        assertEquals(34 * 10 - 10 - 1, index.select(documents).chunkCount()); // 34 documents, doc-3 and chunk 61 removed
        for (int q = 0; q < 20; q++) {
            float[] query = q == 0 ? vectors[62] : Vectors.unit(random, DIMS);
            List<ChunkKey> expected = Vectors.exact(query, live, vectors, 10);
            List<IndexHit> hits = index.exactSearchDocuments(query, 10, documents);
            assertEquals(expected, hits.stream().map(IndexHit::key).toList());
            List<ChunkKey> byKeys = new ArrayList<>();
            documents.forEach(d -> byKeys.addAll(index.keysOfDocument(d)));
            assertEquals(hits, index.exactSearch(query, 10, byKeys), "both exact scans agree");
        }
        assertEquals(key(62), index.exactSearchDocuments(vectors[62], 1, documents).get(0).key(), "the replaced vector counts");
        assertTrue(index.exactSearchDocuments(vectors[0], 5, List.of("doc-3", "none")).isEmpty());
    }

    @Test
    void concurrentSearchesDuringAddsAndRemovesSeeOnlyLiveKeysAfterRemoval() throws Exception {
        Random random = new Random(9);
        // a small graph keeps the race short; the race, not the recall, is under test here
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        int n = 2400; // the first third is exactly documents 0..79, the ones whose even documents go
        float[][] vectors = Vectors.clustered(random, n, DIMS, 30);
        // the first third exists before the race; the rest is added while the first third's even documents go
        for (int i = 0; i < n / 3; i++) {
            index.add(key(i), vectors[i]);
        }
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Set<String> removedDocuments = java.util.concurrent.ConcurrentHashMap.newKeySet();
        threads.add(Thread.ofPlatform().start(() -> run(go, failures, () -> {
            for (int i = n / 3; i < n; i++) {
                index.add(key(i), vectors[i]);
            }
        })));
        threads.add(Thread.ofPlatform().start(() -> run(go, failures, () -> {
            for (int d = 0; d < n / 30; d += 2) {
                index.removeDocument("doc-" + d);
                removedDocuments.add("doc-" + d);
            }
        })));
        for (int t = 0; t < 3; t++) {
            long seed = t;
            threads.add(Thread.ofPlatform().start(() -> run(go, failures, () -> {
                Random r = new Random(seed);
                while (writing.get()) {
                    Set<String> goneBefore = Set.copyOf(removedDocuments);
                    for (IndexHit hit : index.search(vectors[r.nextInt(n)], 10, 50)) {
                        if (goneBefore.contains(hit.key().documentId())) {
                            throw new AssertionError("search returned " + hit.key() + " after its removal completed");
                        }
                    }
                    List<ChunkKey> candidates = List.of(key(r.nextInt(n)), key(r.nextInt(n)), key(r.nextInt(n)));
                    index.exactSearch(vectors[r.nextInt(n)], 2, candidates);
                }
            })));
        }
        go.countDown();
        threads.get(0).join();
        threads.get(1).join();
        writing.set(false);
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("concurrent use failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        Set<ChunkKey> expected = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!(i < n / 3 && (i / 10) % 2 == 0)) {
                expected.add(key(i));
            }
        }
        Set<ChunkKey> actual = index.keys();
        Set<ChunkKey> missing = new HashSet<>(expected);
        missing.removeAll(actual);
        Set<ChunkKey> extra = new HashSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "missing " + missing + ", extra " + extra);
        assertEquals(expected.size(), index.size());
        for (int q = 0; q < 50; q++) {
            for (IndexHit hit : index.search(vectors[q * 7], 10, 50)) {
                assertTrue(expected.contains(hit.key()), hit.key().toString());
            }
        }
    }

    @Test
    void compactionDropsRemovedNodesAndKeepsWritesMadeMeanwhile() throws Exception {
        Random random = new Random(21);
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        int n = 1500;
        float[][] vectors = Vectors.clustered(random, n, DIMS, 15);
        for (int i = 0; i < 1000; i++) {
            index.add(key(i), vectors[i]);
        }
        for (int d = 0; d < 60; d++) {
            index.removeDocument("doc-" + d);
        }
        index.add(key(5), vectors[5]); // removed, then back
        assertEquals(600, index.removedNodes());
        assertEquals(401, index.size());

        // writes race the rebuild: they must all be in the compacted graph
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> run(go, failures, () -> {
            for (int i = 1000; i < n; i++) {
                index.add(key(i), vectors[i]);
            }
            index.removeDocument("doc-70");
        }));
        Thread compactor = Thread.ofPlatform().start(() -> run(go, failures, index::compact));
        go.countDown();
        writer.join();
        compactor.join();
        assertTrue(failures.isEmpty(), failures.toString());

        Set<ChunkKey> expected = new HashSet<>();
        expected.add(key(5));
        for (int i = 600; i < n; i++) {
            if (i / 10 != 70) {
                expected.add(key(i));
            }
        }
        assertEquals(expected, index.keys());
        assertTrue(index.removedNodes() <= 10, "removed nodes left: " + index.removedNodes());
        index.compact();
        assertEquals(0, index.removedNodes());
        assertEquals(expected, index.keys());
        Set<String> everyThird = new HashSet<>();
        for (ChunkKey k : expected) {
            if (k.documentId().hashCode() % 3 == 0) {
                everyThird.add(k.documentId());
            }
        }
        for (int i = 600; i < n; i += 37) {
            if (expected.contains(key(i))) {
                assertEquals(key(i), index.search(vectors[i], 1, 100).get(0).key());
            }
            // a filtered walk accepts the node numbers the compaction gave the chunks
            if (everyThird.contains(key(i).documentId())) {
                assertEquals(key(i), index.searchDocuments(vectors[i], 1, 100, everyThird).get(0).key());
            }
        }
    }

    private static void run(CountDownLatch go, ConcurrentLinkedQueue<Throwable> failures, Runnable body) {
        try {
            go.await();
            body.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }
}
