package quire.index;

/** A dot product of two vectors of equal length; implementations are stateless and thread-safe. */
interface DotProduct {

    /** @return the sum of {@code a[i] * b[i]} */
    float dot(float[] a, float[] b);

    /** @return a short name for logs and the benchmark table */
    String name();
}
