package quire.bench;

import java.util.Random;

/**
 * Unit vectors to index and held-out queries, as flat row-major matrices, and the document each
 * row belongs to (filters select documents, as Quire's metadata filters do).
 *
 * @param name      how the table names it ({@code real} or {@code synthetic})
 * @param dims      vector length
 * @param base      n rows to index
 * @param queries   held-out query rows
 * @param docOf     the document ordinal of each base row; a document's rows are contiguous
 * @param documents how many documents
 */
record Dataset(String name, int dims, float[] base, float[] queries, int[] docOf, int documents) {

    int size() {
        return docOf.length;
    }

    int queryCount() {
        return queries.length / dims;
    }

    float[] row(int i) {
        float[] v = new float[dims];
        System.arraycopy(base, i * dims, v, 0, dims);
        return v;
    }

    float[] query(int q) {
        float[] v = new float[dims];
        System.arraycopy(queries, q * dims, v, 0, dims);
        return v;
    }

    /** A document's filter bucket in 0..99: well mixed, so "bucket < 10" selects about 10% of the documents. */
    static int bucket(int document) {
        long h = document * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int) Long.remainderUnsigned(h, 100);
    }

    /**
     * Real chunks from the cache: every (n + queries) / queries-th row is held out as a query, the
     * rest is indexed; documents are the corpus pages.
     */
    static Dataset real(VectorCache.Loaded cache, int queries) {
        int total = cache.count();
        int q = Math.min(queries, total / 10);
        double stride = (double) total / q;
        boolean[] held = new boolean[total];
        for (int i = 0; i < q; i++) {
            held[(int) (i * stride)] = true;
        }
        int d = cache.dimensions();
        float[] base = new float[(total - q) * d];
        float[] query = new float[q * d];
        int[] pageOf = new int[total - q];
        int b = 0;
        int h = 0;
        for (int i = 0; i < total; i++) {
            if (held[i]) {
                System.arraycopy(cache.matrix(), i * d, query, h++ * d, d);
            } else {
                System.arraycopy(cache.matrix(), i * d, base, b * d, d);
                pageOf[b++] = cache.pages()[i];
            }
        }
        // renumber pages 0.. in order of appearance (the cache holds them contiguously)
        int[] docOf = new int[pageOf.length];
        int docs = 0;
        for (int i = 0; i < pageOf.length; i++) {
            if (i > 0 && pageOf[i] != pageOf[i - 1]) {
                docs++;
            }
            docOf[i] = docs;
        }
        normalize(base, d);
        normalize(query, d);
        return new Dataset("real", d, base, query, docOf, pageOf.length == 0 ? 0 : docs + 1);
    }

    /**
     * Synthetic unit vectors of low intrinsic dimension, like sentence embeddings (the generator of
     * quire-index's IndexBench: a fixed random linear image of a 32-d Gaussian plus noise);
     * documents of 20 rows.
     */
    static Dataset synthetic(int n, int dims, int queries, long seed) {
        int latent = 32;
        Random space = new Random(seed);
        float[] projection = new float[latent * dims];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = (float) space.nextGaussian();
        }
        float[] base = sample(projection, latent, dims, n, seed + 1);
        float[] query = sample(projection, latent, dims, queries, seed + 2);
        int[] docOf = new int[n];
        for (int i = 0; i < n; i++) {
            docOf[i] = i / 20;
        }
        return new Dataset("synthetic", dims, base, query, docOf, (n + 19) / 20);
    }

    private static float[] sample(float[] projection, int latent, int dims, int count, long seed) {
        Random random = new Random(seed);
        float[] out = new float[count * dims];
        float[] z = new float[latent];
        for (int i = 0; i < count; i++) {
            for (int l = 0; l < latent; l++) {
                z[l] = (float) random.nextGaussian();
            }
            int o = i * dims;
            for (int l = 0; l < latent; l++) {
                int p = l * dims;
                for (int d = 0; d < dims; d++) {
                    out[o + d] += z[l] * projection[p + d];
                }
            }
            for (int d = 0; d < dims; d++) {
                out[o + d] += 0.5f * (float) random.nextGaussian();
            }
        }
        normalize(out, dims);
        return out;
    }

    private static void normalize(float[] rows, int dims) {
        for (int o = 0; o < rows.length; o += dims) {
            double sum = 0;
            for (int d = 0; d < dims; d++) {
                sum += (double) rows[o + d] * rows[o + d];
            }
            float scale = (float) (1 / Math.sqrt(sum));
            for (int d = 0; d < dims; d++) {
                rows[o + d] *= scale;
            }
        }
    }
}
