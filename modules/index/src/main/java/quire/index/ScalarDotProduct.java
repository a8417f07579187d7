package quire.index;

/** The portable dot product, used when the JDK Vector API is not in the module graph. */
final class ScalarDotProduct implements DotProduct {

    @Override
    public float dot(float[] a, float[] b) {
        // Four independent sums let the JIT pipeline the multiplies instead of waiting on one accumulator.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        int bound = a.length & ~3;
        for (; i < bound; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
