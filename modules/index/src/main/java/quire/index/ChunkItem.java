package quire.index;

import com.github.jelmerk.hnswlib.core.Item;

import quire.spi.storage.ChunkKey;

/**
 * A chunk's unit vector as the index keeps it: 16-bit integer codes scaled to the vector's
 * largest component, {@code component[i] ≈ codes[i] * scale}. Half the memory of floats; a
 * component is off by at most {@code scale / 2} (under 1.6e-5 for a unit vector), so a
 * similarity is off by about 1e-6 to 1e-5. This is the only copy of the vector the index keeps.
 *
 * <p>hnswlib hands "vectors" to the distance function; the item is its own vector so that the
 * distance sees the scale beside the codes (see {@link QuantizedDistance}); a search hands it
 * the float query instead.
 *
 * @param id    the chunk
 * @param codes the components divided by {@code scale}, rounded; null only in a compaction
 *              journal entry that marks a removal
 * @param scale the largest absolute component / 32767
 */
record ChunkItem(ChunkKey id, short[] codes, float scale) implements Item<ChunkKey, Object> {
    private static final float MAX_CODE = Short.MAX_VALUE;

    /** Encodes a unit vector. */
    static ChunkItem of(ChunkKey id, float[] unit) {
        float max = 0;
        for (float v : unit) {
            max = Math.max(max, Math.abs(v));
        }
        float toCode = MAX_CODE / max;
        short[] codes = new short[unit.length];
        for (int i = 0; i < unit.length; i++) {
            codes[i] = (short) Math.max(-MAX_CODE, Math.min(MAX_CODE, Math.round(unit[i] * toCode)));
        }
        return new ChunkItem(id, codes, max / MAX_CODE);
    }

    /** The compaction journal's record of a removal. */
    static ChunkItem removal(ChunkKey id) {
        return new ChunkItem(id, null, 0f);
    }

    boolean isRemoval() {
        return codes == null;
    }

    /** @return the components as floats (approximately the unit vector that was added) */
    float[] decode() {
        float[] v = new float[codes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = codes[i] * scale;
        }
        return v;
    }

    /** @return true when both hold the same codes and scale, i.e. encode the same vector */
    boolean sameVector(ChunkItem other) {
        return scale == other.scale && java.util.Arrays.equals(codes, other.codes);
    }

    @Override
    public ChunkItem vector() {
        return this;
    }

    @Override
    public int dimensions() {
        return codes.length;
    }
}
