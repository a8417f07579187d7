package quire.index;

/** The portable dot products, used when the JDK Vector API is not in the module graph. */
final class ScalarDotProduct implements DotProduct {

    @Override
    public float dot(float[] q, short[] codes) {
        // Four independent sums let the JIT pipeline the multiplies instead of waiting on one accumulator.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int bound = q.length & ~3;
        for (; i < bound; i += 4) {
            s0 += q[i] * codes[i];
            s1 += q[i + 1] * codes[i + 1];
            s2 += q[i + 2] * codes[i + 2];
            s3 += q[i + 3] * codes[i + 3];
        }
        for (; i < q.length; i++) {
            s0 += q[i] * codes[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float dot(short[] a, short[] b) {
        // products of two codes fit an int; their sum may not, so each lands in a long
        long s0 = 0, s1 = 0;
        int i = 0;
        int bound = a.length & ~1;
        for (; i < bound; i += 2) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (float) (s0 + s1);
    }

    @Override
    public void dot4(float[] q, short[] a, short[] b, short[] c, short[] d, float[] out) {
        out[0] = dot(q, a);
        out[1] = dot(q, b);
        out[2] = dot(q, c);
        out[3] = dot(q, d);
    }

    @Override
    public float dot(float[] q, byte[] codes, int offset) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int bound = q.length & ~3;
        for (; i < bound; i += 4) {
            s0 += q[i] * codes[offset + i];
            s1 += q[i + 1] * codes[offset + i + 1];
            s2 += q[i + 2] * codes[offset + i + 2];
            s3 += q[i + 3] * codes[offset + i + 3];
        }
        for (; i < q.length; i++) {
            s0 += q[i] * codes[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void dot4(float[] q, byte[] codes, int a, int b, int c, int d, float[] out) {
        out[0] = dot(q, codes, a);
        out[1] = dot(q, codes, b);
        out[2] = dot(q, codes, c);
        out[3] = dot(q, codes, d);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
