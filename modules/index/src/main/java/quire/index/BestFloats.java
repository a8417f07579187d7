package quire.index;

/**
 * The largest floats offered so far, at most a fixed number, each with the chunk it scores (or
 * none), in a min-heap: its top is the bar a new value must pass. What the two-pass scans keep
 * ({@link CoarseScan}: the k best lower bounds; {@link SketchScan}: the best estimates).
 */
final class BestFloats {
    private final float[] values;
    private final ChunkItem[] items;
    private int size;

    /** @param capacity how many values are kept, at least 1 */
    BestFloats(int capacity) {
        this.values = new float[capacity];
        this.items = new ChunkItem[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == values.length;
    }

    /** @return the smallest value kept; meaningful once one is */
    float min() {
        return values[0];
    }

    /** @return the item kept in heap position i (below {@link #size()}), in no particular order */
    ChunkItem item(int i) {
        return items[i];
    }

    /** @return whether {@link #offer} would keep the value (callers skip fetching its item when not) */
    boolean accepts(float value) {
        return size < values.length || value > values[0];
    }

    /** Keeps the value when there is room or it is above the smallest kept, which it then replaces. */
    void offer(float value, ChunkItem item) {
        if (size < values.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (values[parent] <= value) {
                    break;
                }
                values[i] = values[parent];
                items[i] = items[parent];
                i = parent;
            }
            values[i] = value;
            items[i] = item;
        } else if (value > values[0]) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && values[child + 1] < values[child]) {
                    child++;
                }
                if (values[child] >= value) {
                    break;
                }
                values[i] = values[child];
                items[i] = items[child];
                i = child;
            }
            values[i] = value;
            items[i] = item;
        }
    }
}
