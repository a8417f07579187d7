package quire.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/**
 * Cosine distance, {@code 1 - similarity}, for hnswlib over {@link ChunkItem}s. A search's
 * query is a float unit vector (never quantised, so only the stored side carries rounding);
 * inserts compare two items.
 */
final class QuantizedDistance implements DistanceFunction<Object, Float> {
    private final transient DotProduct dot;

    QuantizedDistance(DotProduct dot) {
        this.dot = dot;
    }

    @Override
    public Float distance(Object u, Object v) {
        if (u instanceof float[] query) {
            ChunkItem b = (ChunkItem) v;
            return 1f - dot.dot(query, b.codes()) * b.scale();
        }
        ChunkItem a = (ChunkItem) u;
        if (v instanceof float[] query) {
            return 1f - dot.dot(query, a.codes()) * a.scale();
        }
        ChunkItem b = (ChunkItem) v;
        return 1f - dot.dot(a.codes(), b.codes()) * (a.scale() * b.scale());
    }
}
