package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

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
        for (int length : new int[] {1, 3, 7, 15, 16, 17, 31, 33, 64, 100, 384, 385, 1024}) {
            for (int round = 0; round < 20; round++) {
                float[] a = new float[length];
                float[] b = new float[length];
                for (int i = 0; i < length; i++) {
                    a[i] = (float) random.nextGaussian();
                    b[i] = (float) random.nextGaussian();
                }
                float expected = Vectors.dot(a, b);
                float tolerance = 1e-4f * length;
                assertEquals(expected, simd.dot(a, b), tolerance, "simd, length " + length);
                assertEquals(expected, scalar.dot(a, b), tolerance, "scalar, length " + length);
            }
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
    void distanceIsOneMinusTheDotProduct() {
        DotProductDistance distance = new DotProductDistance(Distances.scalar());
        float[] x = {1, 0};
        float[] y = {0, 1};
        assertEquals(0f, distance.distance(x, x), 1e-6f);
        assertEquals(1f, distance.distance(x, y), 1e-6f);
        assertEquals(2f, distance.distance(x, new float[] {-1, 0}), 1e-6f);
    }
}
