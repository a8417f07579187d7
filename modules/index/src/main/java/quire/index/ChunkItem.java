package quire.index;

import com.github.jelmerk.hnswlib.core.Item;

import quire.spi.storage.ChunkKey;

/** A chunk's unit vector as hnswlib stores it: the only copy of the vector the index keeps. */
record ChunkItem(ChunkKey id, float[] vector) implements Item<ChunkKey, float[]> {

    @Override
    public int dimensions() {
        return vector.length;
    }
}
