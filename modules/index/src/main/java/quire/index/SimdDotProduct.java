package quire.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot products on the JDK Vector API: codes are loaded as shorts, half the width of the
 * float registers, and widened to floats lane for lane. Only loaded when
 * {@code jdk.incubator.vector} is in the boot layer (see {@link Distances}); linking this class
 * otherwise would fail.
 */
final class SimdDotProduct implements DotProduct {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** as many shorts as FLOATS has lanes */
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 2));
    private static final int LANES = FLOATS.length();

    private static FloatVector widen(short[] codes, int i) {
        return (FloatVector) ShortVector.fromArray(SHORTS, codes, i).convertShape(VectorOperators.S2F, FLOATS, 0);
    }

    @Override
    public float dot(float[] q, short[] codes) {
        int i = 0;
        // Two accumulators hide the latency of the fused multiply-add.
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        int bound2 = q.length - 2 * LANES + 1;
        for (; i < bound2; i += 2 * LANES) {
            acc0 = FloatVector.fromArray(FLOATS, q, i).fma(widen(codes, i), acc0);
            acc1 = FloatVector.fromArray(FLOATS, q, i + LANES).fma(widen(codes, i + LANES), acc1);
        }
        int bound = FLOATS.loopBound(q.length);
        for (; i < bound; i += LANES) {
            acc0 = FloatVector.fromArray(FLOATS, q, i).fma(widen(codes, i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < q.length; i++) {
            sum += q[i] * codes[i];
        }
        return sum;
    }

    @Override
    public float dot(short[] a, short[] b) {
        int i = 0;
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        int bound2 = a.length - 2 * LANES + 1;
        for (; i < bound2; i += 2 * LANES) {
            acc0 = widen(a, i).fma(widen(b, i), acc0);
            acc1 = widen(a, i + LANES).fma(widen(b, i + LANES), acc1);
        }
        int bound = FLOATS.loopBound(a.length);
        for (; i < bound; i += LANES) {
            acc0 = widen(a, i).fma(widen(b, i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum += (float) (a[i] * b[i]);
        }
        return sum;
    }

    @Override
    public void dot4(float[] q, short[] a, short[] b, short[] c, short[] d, float[] out) {
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        FloatVector acc2 = FloatVector.zero(FLOATS);
        FloatVector acc3 = FloatVector.zero(FLOATS);
        int i = 0;
        int bound = FLOATS.loopBound(q.length);
        for (; i < bound; i += LANES) {
            FloatVector query = FloatVector.fromArray(FLOATS, q, i);
            acc0 = query.fma(widen(a, i), acc0);
            acc1 = query.fma(widen(b, i), acc1);
            acc2 = query.fma(widen(c, i), acc2);
            acc3 = query.fma(widen(d, i), acc3);
        }
        float s0 = acc0.reduceLanes(VectorOperators.ADD);
        float s1 = acc1.reduceLanes(VectorOperators.ADD);
        float s2 = acc2.reduceLanes(VectorOperators.ADD);
        float s3 = acc3.reduceLanes(VectorOperators.ADD);
        for (; i < q.length; i++) {
            s0 += q[i] * a[i];
            s1 += q[i] * b[i];
            s2 += q[i] * c[i];
            s3 += q[i] * d[i];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    @Override
    public String name() {
        return "simd-" + FLOATS.vectorBitSize();
    }
}
