package quire.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import quire.index.IndexHit;
import quire.index.IndexOptions;
import quire.index.VectorIndex;
import quire.retrieval.SearchPlanner.Path;
import quire.spi.storage.ChunkKey;

class SearchPlannerTest {
    private static final int DIMS = 32;

    @Test
    void fewCandidatesAreScannedExactly() {
        assertEquals(Path.EXACT_SCAN, SearchPlanner.choose(20_000, 100_000, 10, 100, 20_000, 0.05), "within the chunk bound");
        assertEquals(Path.EXACT_SCAN, SearchPlanner.choose(40_000, 1_000_000, 10, 100, 20_000, 0.05), "within the fraction bound");
    }

    @Test
    void theCostModelWeighsTheSketchScanAgainstTheFilteredWalk() {
        // 10% of 1M: 100k sketches (25k visits) and 200 re-scored against a walk as long as ef 320 (about 32k visits)
        assertEquals(25_200, SearchPlanner.sketchVisits(100_000, 10, 100), 1e-6);
        assertTrue(SearchPlanner.hnswVisits(100_000, 1_000_000, 10, 100) > 30_000);
        assertEquals(Path.SKETCH_SCAN, SearchPlanner.choose(100_000, 1_000_000, 10, 100, 20_000, 0.05));
        // 10% of 100k above a lower chunk bound: sketched too
        assertEquals(Path.SKETCH_SCAN, SearchPlanner.choose(10_000, 100_000, 10, 100, 5_000, 0.05));
        // an ef so large that the sketch scan would re-score every candidate: the exact scan is cheaper
        assertEquals(Path.EXACT_SCAN, SearchPlanner.choose(25_000, 100_000, 10, 20_000, 20_000, 0.05));
    }

    @Test
    void broadCandidatesUseHnsw() {
        // 20% of 1M: 200k sketches (50k visits) against a walk as long as ef 225 (about 22k visits)
        assertEquals(Path.HNSW, SearchPlanner.choose(200_000, 1_000_000, 10, 100, 20_000, 0.05));
        assertEquals(Path.HNSW, SearchPlanner.choose(600_000, 1_000_000, 10, 100, 20_000, 0.05));
        assertEquals(Path.HNSW, SearchPlanner.choose(1_000_000, 1_000_000, 10, 100, 20_000, 0.05));
    }

    @Test
    void theSketchScanReScoresTwoChunksPerUnitOfEfAndAtLeastK() {
        assertEquals(200, SearchPlanner.rerank(10, 100));
        assertEquals(40, SearchPlanner.rerank(40, 1));
    }

    @Test
    void theFilteredWalkKeepsEfTimesTheRootOfTheSelectivityAndWalksOneOverItFurther() {
        assertEquals(100, SearchPlanner.filteredEf(100_000, 100_000, 10, 100), "unfiltered: ef itself");
        assertEquals(32, SearchPlanner.filteredEf(10_000, 100_000, 10, 100));
        assertEquals(10, SearchPlanner.filteredEf(1_000, 100_000, 10, 100));
        assertEquals(10, SearchPlanner.filteredEf(10, 100_000, 10, 100), "never below k");
        assertEquals(20, SearchPlanner.filteredEf(10, 100_000, 20, 5), "never below k, whatever ef");
        assertEquals(320, SearchPlanner.walkLength(10_000, 100_000, 10, 100));
        assertEquals(100, SearchPlanner.walkLength(100_000, 100_000, 10, 100));
        assertEquals(100_000, SearchPlanner.walkLength(10, 100_000, 10, 100), "never past the index");
    }

    /**
     * The HNSW path with a 10% filter returns k chunks of the candidates only, most similar first,
     * and finds (nearly) the same ones as an exact scan of the candidates.
     */
    @Test
    void theFilteredHnswPathFindsTheCandidatesNearestChunks() {
        Random random = new Random(42);
        List<float[]> centres = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            centres.add(randomVector(random, null, 1f));
        }
        List<ChunkKey> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int d = 0; d < 2_000; d++) {
            for (int c = 0; c < 10; c++) {
                keys.add(new ChunkKey("d" + d, c));
                vectors.add(randomVector(random, centres.get(random.nextInt(centres.size())), 0.4f));
            }
        }
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 16, 100));
        index.addAll(keys, vectors, 2);
        Set<String> candidates = new HashSet<>();
        for (int d = 0; d < 2_000; d += 10) {
            candidates.add("d" + d);
        }
        int found = 0;
        int queries = 50;
        for (int q = 0; q < queries; q++) {
            float[] query = randomVector(random, centres.get(q % centres.size()), 0.4f);
            List<IndexHit> hits = SearchPlanner.hnsw(index, query, 10, candidates, 50);
            List<IndexHit> exact = index.exactSearchDocuments(query, 10, candidates);
            assertEquals(10, hits.size());
            for (int i = 0; i < hits.size(); i++) {
                assertTrue(candidates.contains(hits.get(i).key().documentId()), "only candidates");
                if (i > 0) {
                    assertTrue(hits.get(i - 1).similarity() >= hits.get(i).similarity(), "most similar first");
                }
            }
            Set<ChunkKey> truth = new HashSet<>();
            exact.forEach(h -> truth.add(h.key()));
            found += (int) hits.stream().filter(h -> truth.contains(h.key())).count();
        }
        double recall = found / (10.0 * queries);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    private static float[] randomVector(Random random, float[] centre, float spread) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (centre == null ? 0 : centre[i]) + spread * (float) random.nextGaussian();
        }
        return v;
    }
}
