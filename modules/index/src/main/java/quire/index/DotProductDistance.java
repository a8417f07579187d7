package quire.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/** Cosine distance of unit vectors, {@code 1 - dot}, for hnswlib. */
final class DotProductDistance implements DistanceFunction<float[], Float> {
    private final transient DotProduct dot;

    DotProductDistance(DotProduct dot) {
        this.dot = dot;
    }

    @Override
    public Float distance(float[] u, float[] v) {
        return 1f - dot.dot(u, v);
    }
}
