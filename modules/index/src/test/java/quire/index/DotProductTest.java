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
    void eightBitDotsAgreeWithADoublePrecisionSumAtAnyOffset() {
        DotProduct simd = Distances.simd().orElseThrow();
        DotProduct scalar = Distances.scalar();
        Random random = new Random(11);
        float[] four = new float[4];
        for (int length : new int[] {1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 384, 385}) {
            for (int round = 0; round < 20; round++) {
                float[] q = new float[length];
                for (int i = 0; i < length; i++) {
                    q[i] = (float) random.nextGaussian();
                }
                // four vectors in one array, at offsets that need not be multiples of anything
                int[] at = new int[4];
                int next = random.nextInt(5);
                for (int j = 0; j < 4; j++) {
                    at[j] = next;
                    next += length + random.nextInt(3);
                }
                byte[] codes = new byte[next + random.nextInt(3)];
                random.nextBytes(codes);
                float tolerance = 1e-6f * length * 128f;
                for (DotProduct dot : new DotProduct[] {simd, scalar}) {
                    String where = dot.name() + ", length " + length;
                    dot.dot4(q, codes, at[0], at[1], at[2], at[3], four);
                    for (int j = 0; j < 4; j++) {
                        assertEquals(exact(q, codes, at[j]), dot.dot(q, codes, at[j]), tolerance, where + " #" + j);
                        assertEquals(dot.dot(q, codes, at[j]), four[j], 0f, where + ", dot4 #" + j + " is dot exactly");
                    }
                }
            }
        }
    }

    /**
     * The SIMD sums follow one order, written out lane by lane below, before and after the JIT
     * compiles them: {@code reduceLanes(ADD)} let the interpreter and the compiled code add the
     * lanes in different orders, so a vector scored differently once the index had warmed up.
     */
    @Test
    void simdAddsInOneOrderBeforeAndAfterTheJitCompilesIt() {
        DotProduct simd = Distances.simd().orElseThrow();
        int lanes = Integer.parseInt(simd.name().substring("simd-".length())) / Float.SIZE;
        Random random = new Random(11);
        int[] lengths = {16, 32, 40, 384, 385};
        float[][] queries = new float[60][];
        short[][] codes = new short[60][];
        short[][] others = new short[60][];
        for (int v = 0; v < queries.length; v++) {
            int length = lengths[v % lengths.length];
            queries[v] = new float[length];
            codes[v] = new short[length];
            others[v] = new short[length];
            for (int i = 0; i < length; i++) {
                queries[v][i] = (float) random.nextGaussian();
                codes[v][i] = (short) (random.nextInt(65535) - 32767);
                others[v][i] = (short) (random.nextInt(65535) - 32767);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int v = 0; v < queries.length; v++) {
                String where = "pass " + pass + ", vector " + v;
                assertEquals(Float.floatToIntBits(inLaneOrder(lanes, queries[v], codes[v])),
                        Float.floatToIntBits(simd.dot(queries[v], codes[v])), where);
                assertEquals(Float.floatToIntBits(inLaneOrder(lanes, codes[v], others[v])),
                        Float.floatToIntBits(simd.dot(codes[v], others[v])), where);
            }
            // enough calls for C2 to compile both methods before the second pass
            float sink = 0;
            for (int call = 0; call < 200_000; call++) {
                int v = call % queries.length;
                sink += simd.dot(queries[v], codes[v]) + simd.dot(codes[v], others[v]);
            }
            assertTrue(!Float.isNaN(sink));
        }
    }

    private static float inLaneOrder(int lanes, float[] q, short[] codes) {
        float[] widened = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            widened[i] = codes[i];
        }
        float sum = fmaLanes(lanes, q, widened);
        for (int i = q.length - q.length % lanes; i < q.length; i++) {
            sum += q[i] * codes[i];
        }
        return sum;
    }

    private static float inLaneOrder(int lanes, short[] a, short[] b) {
        float[] wa = new float[a.length];
        float[] wb = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            wa[i] = a[i];
            wb[i] = b[i];
        }
        float sum = fmaLanes(lanes, wa, wb);
        for (int i = a.length - a.length % lanes; i < a.length; i++) {
            sum += (float) (a[i] * b[i]);
        }
        return sum;
    }

    /** two accumulators over alternate blocks of lanes, added, then a butterfly down to lane 0 */
    private static float fmaLanes(int lanes, float[] x, float[] y) {
        float[] acc0 = new float[lanes];
        float[] acc1 = new float[lanes];
        int i = 0;
        for (; i + 2 * lanes <= x.length; i += 2 * lanes) {
            for (int l = 0; l < lanes; l++) {
                acc0[l] = Math.fma(x[i + l], y[i + l], acc0[l]);
                acc1[l] = Math.fma(x[i + lanes + l], y[i + lanes + l], acc1[l]);
            }
        }
        for (; i + lanes <= x.length; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                acc0[l] = Math.fma(x[i + l], y[i + l], acc0[l]);
            }
        }
        float[] v = new float[lanes];
        for (int l = 0; l < lanes; l++) {
            v[l] = acc0[l] + acc1[l];
        }
        for (int half = lanes / 2; half >= 1; half /= 2) {
            float[] next = new float[lanes];
            for (int l = 0; l < lanes; l++) {
                next[l] = v[l] + v[(l + half) % lanes];
            }
            v = next;
        }
        return v[0];
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

    private static float exact(float[] q, byte[] codes, int offset) {
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            sum += (double) q[i] * codes[offset + i];
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
