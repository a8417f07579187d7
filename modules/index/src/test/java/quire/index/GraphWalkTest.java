package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import quire.spi.storage.ChunkKey;

class GraphWalkTest {
    private static final int DIMS = 48;

    @Test
    void hnswlibInternalsAreReachable() {
        assertTrue(HnswGraphAccess.AVAILABLE, "the walk falls back to hnswlib's findNearest: check hnswlib's version");
    }

    /**
     * The walk is hnswlib's algorithm over hnswlib's graph: it finds what findNearest finds
     * (recall against exact search no lower), in descending order, with exact similarities,
     * and never a removed node.
     */
    @Test
    void findsWhatHnswlibFindsWithoutRemovedNodes() {
        Random random = new Random(21);
        int n = 3000;
        float[][] vectors = Vectors.clustered(random, n, DIMS, 30);
        ChunkKey[] keys = new ChunkKey[n];
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 60));
        for (int i = 0; i < n; i++) {
            keys[i] = new ChunkKey("d" + (i / 10), i % 10);
            index.add(keys[i], vectors[i]);
        }
        // removed nodes stay in the graph, to be walked through but never returned
        for (int i = 0; i < n; i += 7) {
            index.remove(keys[i]);
            keys[i] = null;
        }
        int ownFound = 0;
        int hnswlibFound = 0;
        int same = 0;
        int queries = 300;
        for (int q = 0; q < queries; q++) {
            float[] query = q % 3 == 0 ? vectors[q * 7 % n] : Vectors.clustered(random, 1, DIMS, 30)[0];
            List<ChunkKey> truth = Vectors.exact(query, keys, vectors, 10);
            List<IndexHit> own = index.search(query, 10, 120, true);
            List<IndexHit> hnswlib = index.search(query, 10, 120, false);
            assertEquals(10, own.size());
            for (int i = 0; i < own.size(); i++) {
                IndexHit hit = own.get(i);
                int row = row(hit.key());
                assertTrue(keys[row] != null, "a removed node came back: " + hit.key());
                assertEquals(Vectors.dot(query, vectors[row]), hit.similarity(), 1e-4f);
                if (i > 0) {
                    assertTrue(own.get(i - 1).similarity() >= hit.similarity(), "hits descend");
                }
            }
            ownFound += overlap(truth, own);
            hnswlibFound += overlap(truth, hnswlib);
            same += own.stream().map(IndexHit::key).toList().equals(hnswlib.stream().map(IndexHit::key).toList()) ? 1 : 0;
        }
        double ownRecall = ownFound / (10.0 * queries);
        double hnswlibRecall = hnswlibFound / (10.0 * queries);
        assertTrue(ownRecall >= 0.95, "own " + ownRecall + ", hnswlib " + hnswlibRecall);
        assertTrue(ownRecall >= hnswlibRecall - 0.005, "own " + ownRecall + ", hnswlib " + hnswlibRecall);
        assertTrue(same >= queries * 9 / 10, same + " of " + queries + " answers identical to hnswlib's");
    }

    /**
     * Filtered during the walk: only the chosen documents' chunks come back, the walk goes on
     * through the others until it has them, and they are (nearly) the exact nearest among them.
     */
    @Test
    void aFilteredWalkKeepsOnlyTheChosenDocumentsAndFindsTheirNearest() {
        Random random = new Random(31);
        int n = 4000;
        float[][] vectors = Vectors.clustered(random, n, DIMS, 40);
        ChunkKey[] keys = new ChunkKey[n];
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 16, 100));
        for (int i = 0; i < n; i++) {
            keys[i] = new ChunkKey("d" + (i / 10), i % 10);
            index.add(keys[i], vectors[i]);
        }
        for (int every : new int[] {10, 100}) {
            Set<String> chosen = new HashSet<>();
            ChunkKey[] chosenKeys = new ChunkKey[n];
            for (int i = 0; i < n; i++) {
                if ((i / 10) % every == 0) {
                    chosen.add(keys[i].documentId());
                    chosenKeys[i] = keys[i];
                }
            }
            int found = 0;
            int queries = 200;
            for (int q = 0; q < queries; q++) {
                float[] query = Vectors.clustered(random, 1, DIMS, 40)[0];
                List<IndexHit> hits = index.searchDocuments(query, 10, 40, chosen);
                assertEquals(10, hits.size(), "1 in " + every);
                for (int i = 0; i < hits.size(); i++) {
                    assertTrue(chosen.contains(hits.get(i).key().documentId()), "only the chosen documents");
                    if (i > 0) {
                        assertTrue(hits.get(i - 1).similarity() >= hits.get(i).similarity(), "hits descend");
                    }
                }
                found += overlap(Vectors.exact(query, chosenKeys, vectors, 10), hits);
            }
            double recall = found / (10.0 * queries);
            assertTrue(recall >= 0.95, "1 in " + every + ": recall " + recall);
        }
        assertEquals(List.of(), index.searchDocuments(vectors[0], 10, 40, Set.of("no-such-document")));
    }

    @Test
    void anEmptyIndexAndOneWithEveryNodeRemovedAnswerNothing() {
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 60));
        float[] v = Vectors.unit(new Random(3), DIMS);
        assertEquals(List.of(), index.search(v, 5, 20, true));
        index.add(new ChunkKey("a", 0), v);
        index.add(new ChunkKey("a", 1), Vectors.unit(new Random(4), DIMS));
        assertEquals(new ChunkKey("a", 0), index.search(v, 1, 20, true).get(0).key());
        index.removeDocument("a");
        assertEquals(List.of(), index.search(v, 5, 20, true));
    }

    @Test
    void packedValuesOrderAsTheirSimilaritiesThenIds() {
        Random random = new Random(5);
        float[] special = {-2f, -1f, -1e-7f, -0f, 0f, 1e-7f, 0.5f, 1f, 1.0000035f, 2f};
        for (int round = 0; round < 10_000; round++) {
            float a = round < 100 ? special[round % special.length] : (float) (random.nextDouble() * 4 - 2);
            float b = round < 100 ? special[round / 10] : (float) (random.nextDouble() * 4 - 2);
            int ia = random.nextInt(Integer.MAX_VALUE);
            int ib = random.nextInt(Integer.MAX_VALUE);
            long pa = GraphWalk.pack(a, ia);
            long pb = GraphWalk.pack(b, ib);
            assertEquals(a, GraphWalk.similarityOf(pa));
            assertEquals(ia, GraphWalk.idOf(pa));
            if (a < b) {
                assertTrue(pa < pb, a + " < " + b);
            } else if (a > b) {
                assertTrue(pa > pb, a + " > " + b);
            }
        }
    }

    @Test
    void heapsPopInOrderLikeAPriorityQueue() {
        Random random = new Random(6);
        for (boolean maxOnTop : new boolean[] {true, false}) {
            GraphWalk.LongHeap heap = new GraphWalk.LongHeap(2, maxOnTop);
            PriorityQueue<Long> expected = new PriorityQueue<>(maxOnTop ? java.util.Comparator.reverseOrder() : null);
            for (int op = 0; op < 20_000; op++) {
                if (expected.isEmpty() || random.nextInt(3) > 0) {
                    long v = random.nextLong(-50, 50);
                    heap.push(v);
                    expected.add(v);
                } else {
                    assertEquals(expected.peek(), heap.top());
                    assertEquals(expected.poll(), heap.pop());
                }
                assertEquals(expected.size(), heap.size());
            }
            while (!expected.isEmpty()) {
                assertEquals(expected.poll(), heap.pop());
            }
            assertTrue(heap.isEmpty());
        }
    }

    private static int row(ChunkKey key) {
        return Integer.parseInt(key.documentId().substring(1)) * 10 + key.chunkNumber();
    }

    private static int overlap(List<ChunkKey> truth, List<IndexHit> hits) {
        Set<ChunkKey> got = new HashSet<>();
        hits.forEach(h -> got.add(h.key()));
        int found = 0;
        for (ChunkKey t : truth) {
            found += got.contains(t) ? 1 : 0;
        }
        assertFalse(hits.size() > truth.size());
        return found;
    }
}
