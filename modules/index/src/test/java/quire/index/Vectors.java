package quire.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import quire.spi.storage.ChunkKey;

/** Random unit vectors, small indexes of them and brute-force answers for index tests. */
final class Vectors {
    private Vectors() {
    }

    /** @return an index (M 8, efConstruction 40) of the vectors, row i under {@code key.apply(i)}, added on 2 threads */
    static VectorIndex indexed(float[][] vectors, java.util.function.IntFunction<ChunkKey> key) {
        VectorIndex index = new VectorIndex(new IndexOptions(vectors[0].length, "test", 8, 40));
        List<ChunkKey> keys = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            keys.add(key.apply(i));
            rows.add(vectors[i]);
        }
        index.addAll(keys, rows, 2);
        return index;
    }

    static float[] unit(Random random, int dimensions) {
        float[] v = new float[dimensions];
        double sum = 0;
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /**
     * Clustered unit vectors, closer to real embeddings than uniform noise (whose nearest
     * neighbours are barely nearer than anything else).
     */
    static float[][] clustered(Random random, int count, int dimensions, int clusters) {
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = unit(random, dimensions);
        }
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] centre = centres[random.nextInt(clusters)];
            float[] noise = unit(random, dimensions);
            float[] v = new float[dimensions];
            double sum = 0;
            for (int d = 0; d < dimensions; d++) {
                v[d] = centre[d] + 0.6f * noise[d];
                sum += v[d] * v[d];
            }
            float scale = (float) (1 / Math.sqrt(sum));
            for (int d = 0; d < dimensions; d++) {
                v[d] *= scale;
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * Unit vectors of low intrinsic dimension (a random linear image of a {@code latent}-d
     * Gaussian plus a little noise), which is how sentence embeddings behave; same seed, same space.
     */
    static float[][] latent(long seed, int count, int dimensions, int latent, long sampleSeed) {
        Random space = new Random(seed);
        float[][] projection = new float[latent][dimensions];
        for (float[] row : projection) {
            for (int d = 0; d < dimensions; d++) {
                row[d] = (float) space.nextGaussian();
            }
        }
        Random random = new Random(sampleSeed);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] v = new float[dimensions];
            for (int l = 0; l < latent; l++) {
                float z = (float) random.nextGaussian();
                float[] row = projection[l];
                for (int d = 0; d < dimensions; d++) {
                    v[d] += z * row[d];
                }
            }
            double sum = 0;
            for (int d = 0; d < dimensions; d++) {
                v[d] += 0.5f * (float) random.nextGaussian();
                sum += v[d] * v[d];
            }
            float scale = (float) (1 / Math.sqrt(sum));
            for (int d = 0; d < dimensions; d++) {
                v[d] *= scale;
            }
            out[i] = v;
        }
        return out;
    }

    static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }

    /** @return the k keys most similar to the query among keys[i] -> vectors[i] (null keys skipped), best first */
    static List<ChunkKey> exact(float[] query, ChunkKey[] keys, float[][] vectors, int k) {
        // scores once per vector, then a bounded heap: sorting with a scoring comparator is O(n log n) dot products
        java.util.PriorityQueue<double[]> best = new java.util.PriorityQueue<>(Comparator.comparingDouble((double[] e) -> e[0]));
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                continue;
            }
            double score = dot(query, vectors[i]);
            if (best.size() < k) {
                best.add(new double[] {score, i});
            } else if (score > best.peek()[0]) {
                best.poll();
                best.add(new double[] {score, i});
            }
        }
        List<double[]> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble((double[] e) -> -e[0]));
        List<ChunkKey> top = new ArrayList<>();
        for (double[] e : sorted) {
            top.add(keys[(int) e[1]]);
        }
        return top;
    }
}
