package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import quire.spi.storage.ChunkKey;

class DotProductTest {

    @Test
    void simdIsChosenWhenTheVectorModuleIsPresent() {
        // surefire runs with --add-modules jdk.incubator.vector (see the pom)
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertTrue(Distances.DOT.name().startsWith("simd-"), Distances.DOT.name());
    }

    @Test
    void simdAndScalarAgreeWithADoublePrecisionSum() {
        DotProduct simd = Distances.simd().orElseThrow();
        DotProduct scalar = Distances.scalar();
        Random random = new Random(7);
        float[] four = new float[4];
        for (int length : new int[] {1, 3, 7, 15, 16, 17, 31, 33, 64, 100, 384, 385, 1024}) {
            for (int round = 0; round < 20; round++) {
                float[] q = new float[length];
                short[][] codes = new short[4][length];
                for (int i = 0; i < length; i++) {
                    q[i] = (float) random.nextGaussian();
                    for (short[] c : codes) {
                        c[i] = (short) (random.nextInt(65535) - 32767);
                    }
                }
                // codes reach 32767, so sums of products reach length * 2^30: compare relative to that
                float tolerance = 1e-6f * length * 32767f;
                for (DotProduct dot : new DotProduct[] {simd, scalar}) {
                    String where = dot.name() + ", length " + length;
                    assertEquals(exact(q, codes[0]), dot.dot(q, codes[0]), tolerance, where);
                    assertEquals(exact(codes[0], codes[1]), dot.dot(codes[0], codes[1]), tolerance * 32767f, where);
                    dot.dot4(q, codes[0], codes[1], codes[2], codes[3], four);
                    for (int j = 0; j < 4; j++) {
                        assertEquals(exact(q, codes[j]), four[j], tolerance, where + ", dot4 #" + j);
                        assertEquals(dot.dot(q, codes[j]), four[j], 0f, where + ", dot4 #" + j + " is dot exactly");
                    }
                }
            }
        }
    }

    @Test
    void codesKeepAUnitVectorWithinHalfAStepAndSimilaritiesWithin1e5() {
        Random random = new Random(9);
        DotProduct dot = Distances.DOT;
        for (int round = 0; round < 200; round++) {
            float[] v = Vectors.unit(random, 384);
            float[] q = Vectors.unit(random, 384);
            ChunkItem item = ChunkItem.of(new ChunkKey("d", 0), v);
            float[] decoded = item.decode();
            float largest = 0;
            for (int i = 0; i < v.length; i++) {
                largest = Math.max(largest, Math.abs(v[i]));
                assertEquals(v[i], decoded[i], item.scale() / 2 + 1e-7f);
            }
            assertEquals(largest / Short.MAX_VALUE, item.scale(), 1e-9f);
            assertEquals(Vectors.dot(q, v), dot.dot(q, item.codes()) * item.scale(), 1e-5f);
            assertEquals(1f, dot.dot(v, item.codes()) * item.scale(), 1e-5f);
            assertTrue(item.sameVector(ChunkItem.of(new ChunkKey("d", 0), v.clone())));
        }
    }

    @Test
    void anIndexOnTheScalarFallbackAnswersLikeOneOnSimd() {
        Random random = new Random(8);
        IndexOptions options = new IndexOptions(40, "test", 8, 40);
        VectorIndex scalar = new VectorIndex(options, Distances.scalar(), 16);
        VectorIndex simd = new VectorIndex(options, Distances.simd().orElseThrow(), 16);
        float[][] vectors = Vectors.clustered(random, 500, 40, 10);
        java.util.List<quire.spi.storage.ChunkKey> all = new java.util.ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            quire.spi.storage.ChunkKey key = new quire.spi.storage.ChunkKey("d" + i, 0);
            all.add(key);
            scalar.add(key, vectors[i]);
            simd.add(key, vectors[i]);
        }
        assertEquals("scalar", scalar.distanceImplementation());
        for (int q = 0; q < 20; q++) {
            float[] query = Vectors.unit(random, 40);
            java.util.List<IndexHit> a = scalar.exactSearch(query, 5, all);
            java.util.List<IndexHit> b = simd.exactSearch(query, 5, all);
            assertEquals(a.stream().map(IndexHit::key).toList(), b.stream().map(IndexHit::key).toList());
            assertEquals(a.get(0).key(), scalar.search(query, 1, 500).get(0).key());
            assertEquals(b.get(0).key(), simd.search(query, 1, 500).get(0).key());
        }
    }

    @Test
    void distanceIsOneMinusTheSimilarityForAQueryAndForTwoItems() {
        QuantizedDistance distance = new QuantizedDistance(Distances.scalar());
        float[] x = {1, 0};
        ChunkItem xi = ChunkItem.of(new ChunkKey("x", 0), x);
        ChunkItem yi = ChunkItem.of(new ChunkKey("y", 0), new float[] {0, 1});
        ChunkItem minusX = ChunkItem.of(new ChunkKey("z", 0), new float[] {-1, 0});
        assertEquals(0f, distance.distance(x, xi), 1e-6f);
        assertEquals(1f, distance.distance(x, yi), 1e-6f);
        assertEquals(2f, distance.distance(x, minusX), 1e-6f);
        assertEquals(0f, distance.distance(xi, xi), 1e-6f);
        assertEquals(1f, distance.distance(xi, yi), 1e-6f);
        assertEquals(2f, distance.distance(minusX, xi), 1e-6f);
        assertEquals(2f, distance.distance(minusX, x), 1e-6f);
    }

    private static float exact(float[] q, short[] codes) {
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            sum += (double) q[i] * codes[i];
        }
        return (float) sum;
    }

    private static float exact(short[] a, short[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return (float) sum;
    }
}
