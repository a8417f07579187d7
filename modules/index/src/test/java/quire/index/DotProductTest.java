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
    void distanceIsOneMinusTheDotProduct() {
        DotProductDistance distance = new DotProductDistance(Distances.scalar());
        float[] x = {1, 0};
        float[] y = {0, 1};
        assertEquals(0f, distance.distance(x, x), 1e-6f);
        assertEquals(1f, distance.distance(x, y), 1e-6f);
        assertEquals(2f, distance.distance(x, new float[] {-1, 0}), 1e-6f);
    }
}
