package quire.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Brute force over a flat matrix of unit vectors with the Vector API: the ground truth, and the
 * "brute force" row of the table.
 */
final class ExactScan {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private ExactScan() {
    }

    static String species() {
        return "simd-" + SPECIES.vectorBitSize();
    }

    static float dot(float[] a, int aOffset, float[] b, int bOffset, int dims) {
        int lanes = SPECIES.length();
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + 2 * lanes <= dims; i += 2 * lanes) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + lanes)
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + lanes), acc1);
        }
        for (; i + lanes <= dims; i += lanes) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < dims; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    /**
     * @param allowed rows that may be returned, or null for all
     * @return the k rows most similar to the query, best first
     */
    static int[] topK(float[] matrix, int dims, float[] query, int k, BitSet allowed) {
        int n = matrix.length / dims;
        int[] ids = new int[k];
        float[] scores = new float[k];
        int size = 0;
        // a sorted insertion buffer: k is small
        for (int r = allowed == null ? 0 : allowed.nextSetBit(0); r >= 0 && r < n;
             r = allowed == null ? r + 1 : allowed.nextSetBit(r + 1)) {
            float s = dot(matrix, r * dims, query, 0, dims);
            if (size == k && s <= scores[k - 1]) {
                continue;
            }
            int at = size == k ? k - 1 : size++;
            while (at > 0 && scores[at - 1] < s) {
                scores[at] = scores[at - 1];
                ids[at] = ids[at - 1];
                at--;
            }
            scores[at] = s;
            ids[at] = r;
        }
        return size == k ? ids : java.util.Arrays.copyOf(ids, size);
    }

    /** @return the exact top k of every query, computed on {@code threads} threads */
    static int[][] truth(Dataset data, int k, BitSet allowed, int threads) throws InterruptedException {
        int q = data.queryCount();
        int[][] out = new int[q][];
        AtomicInteger next = new AtomicInteger();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            started.add(Thread.ofPlatform().name("bench-truth-" + t).start(() -> {
                for (int i; (i = next.getAndIncrement()) < q; ) {
                    out[i] = topK(data.base(), data.dims(), data.query(i), k, allowed);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        return out;
    }
}
