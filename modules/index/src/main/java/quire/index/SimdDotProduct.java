package quire.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product on the JDK Vector API. Only loaded when {@code jdk.incubator.vector} is in
 * the boot layer (see {@link Distances}); linking this class otherwise would fail.
 */
final class SimdDotProduct implements DotProduct {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] a, float[] b) {
        int lanes = SPECIES.length();
        int i = 0;
        // Two accumulators hide the latency of the fused multiply-add.
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int bound2 = a.length - 2 * lanes + 1;
        for (; i < bound2; i += 2 * lanes) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, i + lanes).fma(FloatVector.fromArray(SPECIES, b, i + lanes), acc1);
        }
        int bound = SPECIES.loopBound(a.length);
        for (; i < bound; i += lanes) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize();
    }
}
