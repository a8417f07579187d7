package quire.index;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
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
    /** as many bytes as FLOATS has lanes */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.vectorBitSize() / 4));
    private static final int LANES = FLOATS.length();
    /** rotations by LANES/2, LANES/4, ... 1: the steps of {@link #sum}'s butterfly */
    private static final VectorShuffle<Float>[] HALVINGS = halvings();

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    private static VectorShuffle<Float>[] halvings() {
        int steps = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Float>[] shuffles = new VectorShuffle[steps];
        for (int s = 0, half = LANES / 2; s < steps; s++, half /= 2) {
            shuffles[s] = VectorShuffle.iota(FLOATS, half, 1, true);
        }
        return shuffles;
    }

    /**
     * The sum of the lanes in one fixed order. {@code reduceLanes(ADD)} leaves the order of a
     * float sum open, and the interpreter and the JIT-compiled code do choose differently, so the
     * same vector would score differently before and after warm-up; lane-wise adds are exact
     * operations, so this butterfly gives the same bits whichever code runs it.
     */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> rotation : HALVINGS) {
            v = v.add(v.rearrange(rotation));
        }
        return v.lane(0);
    }

    private static FloatVector widen(short[] codes, int i) {
        return (FloatVector) ShortVector.fromArray(SHORTS, codes, i).convertShape(VectorOperators.S2F, FLOATS, 0);
    }

    private static FloatVector widen(byte[] codes, int i) {
        return (FloatVector) ByteVector.fromArray(BYTES, codes, i).convertShape(VectorOperators.B2F, FLOATS, 0);
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
        float sum = sum(acc0.add(acc1));
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
        float sum = sum(acc0.add(acc1));
        for (; i < a.length; i++) {
            sum += (float) (a[i] * b[i]);
        }
        return sum;
    }

    /**
     * The same arithmetic as {@link #dot(float[], short[])} for each of the four (two accumulators
     * each, added in the same order), so a vector scores the same whichever way it is scanned.
     */
    @Override
    public void dot4(float[] q, short[] a, short[] b, short[] c, short[] d, float[] out) {
        FloatVector a0 = FloatVector.zero(FLOATS), a1 = FloatVector.zero(FLOATS);
        FloatVector b0 = FloatVector.zero(FLOATS), b1 = FloatVector.zero(FLOATS);
        FloatVector c0 = FloatVector.zero(FLOATS), c1 = FloatVector.zero(FLOATS);
        FloatVector d0 = FloatVector.zero(FLOATS), d1 = FloatVector.zero(FLOATS);
        int i = 0;
        int bound2 = q.length - 2 * LANES + 1;
        for (; i < bound2; i += 2 * LANES) {
            FloatVector q0 = FloatVector.fromArray(FLOATS, q, i);
            FloatVector q1 = FloatVector.fromArray(FLOATS, q, i + LANES);
            a0 = q0.fma(widen(a, i), a0);
            a1 = q1.fma(widen(a, i + LANES), a1);
            b0 = q0.fma(widen(b, i), b0);
            b1 = q1.fma(widen(b, i + LANES), b1);
            c0 = q0.fma(widen(c, i), c0);
            c1 = q1.fma(widen(c, i + LANES), c1);
            d0 = q0.fma(widen(d, i), d0);
            d1 = q1.fma(widen(d, i + LANES), d1);
        }
        int bound = FLOATS.loopBound(q.length);
        for (; i < bound; i += LANES) {
            FloatVector q0 = FloatVector.fromArray(FLOATS, q, i);
            a0 = q0.fma(widen(a, i), a0);
            b0 = q0.fma(widen(b, i), b0);
            c0 = q0.fma(widen(c, i), c0);
            d0 = q0.fma(widen(d, i), d0);
        }
        float s0 = sum(a0.add(a1));
        float s1 = sum(b0.add(b1));
        float s2 = sum(c0.add(c1));
        float s3 = sum(d0.add(d1));
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
    public float dot(float[] q, byte[] codes, int offset) {
        FloatVector acc = FloatVector.zero(FLOATS);
        int i = 0;
        int bound = FLOATS.loopBound(q.length);
        for (; i < bound; i += LANES) {
            acc = FloatVector.fromArray(FLOATS, q, i).fma(widen(codes, offset + i), acc);
        }
        float sum = sum(acc);
        for (; i < q.length; i++) {
            sum += q[i] * codes[offset + i];
        }
        return sum;
    }

    /** The arithmetic of {@link #dot(float[], byte[], int)} for each of the four. */
    @Override
    public void dot4(float[] q, byte[] codes, int a, int b, int c, int d, float[] out) {
        FloatVector sa = FloatVector.zero(FLOATS), sb = FloatVector.zero(FLOATS);
        FloatVector sc = FloatVector.zero(FLOATS), sd = FloatVector.zero(FLOATS);
        int i = 0;
        int bound = FLOATS.loopBound(q.length);
        for (; i < bound; i += LANES) {
            FloatVector q0 = FloatVector.fromArray(FLOATS, q, i);
            sa = q0.fma(widen(codes, a + i), sa);
            sb = q0.fma(widen(codes, b + i), sb);
            sc = q0.fma(widen(codes, c + i), sc);
            sd = q0.fma(widen(codes, d + i), sd);
        }
        float s0 = sum(sa), s1 = sum(sb), s2 = sum(sc), s3 = sum(sd);
        for (; i < q.length; i++) {
            s0 += q[i] * codes[a + i];
            s1 += q[i] * codes[b + i];
            s2 += q[i] * codes[c + i];
            s3 += q[i] * codes[d + i];
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
