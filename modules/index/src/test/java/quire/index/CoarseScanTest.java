package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import quire.spi.storage.ChunkKey;

class CoarseScanTest {
    private static final int DIMS = 384;

    /**
     * The bound the scan prunes with holds for every chunk: the 8-bit score is within
     * {@code errorPerL1 * |q|_1} of the 16-bit score, also for vectors whose components are
     * extreme (one-hot, one large component, all equal) and for adversarial queries (the signs of
     * the rounding errors).
     */
    @Test
    void theEightBitScoreStaysWithinItsBoundOfTheSixteenBitScore() {
        Random random = new Random(21);
        List<float[]> vectors = new ArrayList<>();
        float[] oneHot = new float[DIMS];
        oneHot[7] = 1;
        vectors.add(oneHot);
        float[] equal = new float[DIMS];
        java.util.Arrays.fill(equal, (float) (1 / Math.sqrt(DIMS)));
        vectors.add(equal);
        float[] spike = Vectors.unit(random, DIMS);
        spike[0] = 40;
        vectors.add(spike);
        for (float[] v : Vectors.latent(3, 200, DIMS, 32, 4)) {
            vectors.add(v);
        }
        for (int i = 0; i < 200; i++) {
            vectors.add(Vectors.unit(random, DIMS));
        }
        for (DotProduct dot : new DotProduct[] {Distances.simd().orElseThrow(), Distances.scalar()}) {
            DocumentChunks chunks = new DocumentChunks();
            List<ChunkItem> items = new ArrayList<>();
            for (int i = 0; i < vectors.size(); i++) {
                ChunkItem item = ChunkItem.of(new ChunkKey("d", i), unit(vectors.get(i)));
                items.add(item);
                chunks.put(item);
            }
            double worstUse = 0;
            for (int round = 0; round < 200; round++) {
                float[] q = round % 2 == 0 ? Vectors.unit(random, DIMS) : unit(vectors.get(random.nextInt(vectors.size())));
                for (int slot = 0; slot < items.size(); slot++) {
                    ChunkItem item = items.get(slot);
                    float fine = dot.dot(q, item.codes()) * item.scale();
                    if (round == 1) {
                        // the query whose signs line up with this chunk's rounding errors
                        q = adversarial(item, chunks, slot);
                        fine = dot.dot(q, item.codes()) * item.scale();
                    }
                    float coarse = dot.dot(q, chunks.coarse, slot * DIMS) * chunks.coarseScale[slot];
                    double l1 = 0;
                    for (float v : q) {
                        l1 += Math.abs(v);
                    }
                    double bound = chunks.errorPerL1[slot] * l1;
                    assertTrue(Math.abs(coarse - fine) <= bound, dot.name() + " chunk " + slot + ": |" + coarse + " - " + fine
                            + "| > " + bound);
                    worstUse = Math.max(worstUse, Math.abs(coarse - fine) / bound);
                }
            }
            // the bound is not so loose that it prunes nothing: the worst case uses a good part of it
            assertTrue(worstUse > 0.3, dot.name() + " worst error / bound " + worstUse);
        }
    }

    /** A unit query whose component signs follow the chunk's 8-bit rounding errors: the largest error it can see. */
    private static float[] adversarial(ChunkItem item, DocumentChunks chunks, int slot) {
        float[] q = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            double error = chunks.coarse[slot * DIMS + i] * (double) chunks.coarseScale[slot] - item.codes()[i] * (double) item.scale();
            q[i] = error >= 0 ? 1 : -1;
        }
        return unit(q);
    }

    /**
     * The scan returns what scoring every chunk on its 16-bit codes returns, while scoring again
     * only a few of them: documents of different sizes, removed and replaced chunks, duplicates.
     */
    @Test
    void theScanAnswersLikeAFullSixteenBitScanWhileRescoringFew() {
        int n = 6000;
        float[][] vectors = Vectors.latent(8, n, DIMS, 32, 9);
        VectorIndex index = new VectorIndex(new IndexOptions(DIMS, "test", 8, 40));
        List<ChunkKey> keys = new ArrayList<>();
        Random random = new Random(10);
        int doc = 0;
        for (int i = 0; i < n; doc++) {
            int size = 1 + random.nextInt(30);
            for (int c = 0; c < size && i < n; c++, i++) {
                keys.add(new ChunkKey("doc-" + doc, c));
            }
        }
        // the same vector in two places: a tie the scan must not lose
        vectors[5000] = vectors[10].clone();
        index.addAll(keys, List.of(vectors), 2);
        index.removeDocument(keys.get(100).documentId());
        index.remove(keys.get(2000));
        index.add(keys.get(3000), vectors[4000]);
        List<String> documents = new ArrayList<>();
        for (int d = 0; d < doc; d += 2) {
            documents.add("doc-" + d);
        }
        List<ChunkKey> candidates = new ArrayList<>();
        documents.forEach(d -> candidates.addAll(index.keysOfDocument(d)));
        long rescored = 0;
        long scanned = 0;
        for (int q = 0; q < 100; q++) {
            float[] query = q < 50 ? vectors[random.nextInt(n)] : Vectors.latent(8, 1, DIMS, 32, 1000 + q)[0];
            int k = q % 3 == 0 ? 1 : q % 3 == 1 ? 10 : 100;
            List<IndexHit> full = index.exactSearch(query, k, candidates);
            assertEquals(full, index.exactSearchDocuments(query, k, documents), "query " + q + ", k " + k);
            CoarseScan scan = index.scanDocuments(query, k, documents);
            scan.result();
            assertEquals(candidates.size(), scan.scored(), "every candidate scored once on 8-bit codes");
            rescored += scan.rescored();
            scanned += scan.scored();
        }
        assertTrue(rescored * 5 < scanned, "the 8-bit pass spares most rescoring: " + rescored + " of " + scanned);
    }

    private static float[] unit(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(sum));
        }
        return out;
    }
}
