package quire.index;

/**
 * Dot products between a float query and the index's 16-bit codes ({@link ChunkItem}), between
 * two code vectors, and between a float query and the 8-bit codes exact scans read first
 * ({@link DocumentChunks}); implementations are stateless and thread-safe. Lengths are equal.
 */
interface DotProduct {

    /** @return the sum of {@code q[i] * codes[i]} */
    float dot(float[] q, short[] codes);

    /** @return the sum of {@code a[i] * b[i]} */
    float dot(short[] a, short[] b);

    /**
     * Four dot products with one query at once, {@code out[j] = dot(q, j-th codes)}: one pass
     * over the query for four vectors, and four independent streams of memory reads. Each result
     * equals {@link #dot(float[], short[])} exactly: a vector's score must not depend on its place
     * in a scan.
     */
    void dot4(float[] q, short[] a, short[] b, short[] c, short[] d, float[] out);

    /** @return the sum of {@code q[i] * codes[offset + i]} over the query's length */
    float dot(float[] q, byte[] codes, int offset);

    /**
     * Four dot products with one query over 8-bit codes of one array, at four offsets, each
     * equal to {@link #dot(float[], byte[], int)} at its offset.
     */
    void dot4(float[] q, byte[] codes, int a, int b, int c, int d, float[] out);

    /** @return a short name for logs and the benchmark table */
    String name();
}
