package quire.index;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One document's chunks in the index, by chunk number: what the planner sizes candidate sets
 * with and what exact scans read, without a lookup in the graph per chunk. Holds the same
 * {@link ChunkItem}s as the graph (no second copy of a vector). Not thread-safe: the index
 * guards it.
 */
final class DocumentChunks {
    private ChunkItem[] items = new ChunkItem[4];
    private int count;

    /** Adds or replaces the item of its chunk number. */
    void put(ChunkItem item) {
        int n = item.id().chunkNumber();
        if (n < 0) {
            throw new IllegalArgumentException("chunk number must not be negative: " + n);
        }
        if (n >= items.length) {
            items = Arrays.copyOf(items, Math.max(n + 1, items.length * 2));
        }
        if (items[n] == null) {
            count++;
        }
        items[n] = item;
    }

    /** @return true when the chunk was there */
    boolean remove(int chunkNumber) {
        if (chunkNumber < 0 || chunkNumber >= items.length || items[chunkNumber] == null) {
            return false;
        }
        items[chunkNumber] = null;
        count--;
        return true;
    }

    /** @return the item of a chunk number, or null */
    ChunkItem get(int chunkNumber) {
        return chunkNumber >= 0 && chunkNumber < items.length ? items[chunkNumber] : null;
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Hands every item to the consumer, by chunk number. */
    void forEach(Consumer<ChunkItem> consumer) {
        for (ChunkItem item : items) {
            if (item != null) {
                consumer.accept(item);
            }
        }
    }
}
