package quire.index;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One document's chunks in the index, by chunk number: what the planner sizes candidate sets
 * with and what exact scans read, without a lookup in the graph per chunk. Holds the same
 * {@link ChunkItem}s as the graph (no second copy of the 16-bit codes) and, for the first pass of
 * an exact scan ({@link CoarseScan}), each chunk's vector again as 8-bit codes, all of the
 * document's in one array read front to back; for a sketch scan ({@link SketchScan}), one bit per
 * component (whether it is above the vector's mean) and the two levels it stands for, again all
 * of the document's in one array, so that a scan reads one array per document and nothing else
 * until a chunk scores among the best. Not thread-safe: the index guards it.
 */
final class DocumentChunks {
    private static final float MAX_COARSE = 127f;

    private ChunkItem[] items = new ChunkItem[1];
    private int count;
    /** slot n holds chunk n's 8-bit codes at {@code n * dims}; a slot without an item is stale */
    byte[] coarse = new byte[0];
    /** chunk n's component = {@code coarse[n * dims + i] * coarseScale[n]}, within the error below */
    float[] coarseScale = new float[1];
    /**
     * per chunk: how far its 8-bit score may be from its 16-bit score, per unit of the query's
     * L1 norm (half a step of the 8-bit code, and the float rounding of both sums)
     */
    float[] errorPerL1 = new float[1];
    /**
     * slot n holds, at {@code n * (words + 1)}, chunk n's 1-bit sketch, 64 components a word (bit i
     * is set when component i is above the vector's mean component), then one word of two floats:
     * the vector is taken as {@code low} where its bit is clear and {@code low + step} where it is
     * set (the means of those components: the best two-level fit), {@code low} in the high half.
     * An empty slot's last word is {@link #EMPTY}. What a {@link SketchScan} estimates from.
     */
    long[] sketches = new long[0];
    /** the levels word of a slot without a chunk (two NaNs no chunk's levels can be) */
    static final long EMPTY = -1L;

    /** Adds or replaces the item of its chunk number. */
    void put(ChunkItem item) {
        int n = item.id().chunkNumber();
        if (n < 0) {
            throw new IllegalArgumentException("chunk number must not be negative: " + n);
        }
        int dims = item.codes().length;
        if (n >= items.length) {
            // grows by half (not double): the arena is 8 bits per dimension and chunk
            grow(Math.max(n + 1, items.length + items.length / 2), dims);
        } else if (coarse.length != items.length * dims) {
            grow(items.length, dims); // the first item: its length sizes the 8-bit array
        }
        if (items[n] == null) {
            count++;
        }
        items[n] = item;
        encode(item, n, dims);
    }

    private void grow(int slots, int dims) {
        items = Arrays.copyOf(items, slots);
        coarse = Arrays.copyOf(coarse, slots * dims);
        coarseScale = Arrays.copyOf(coarseScale, slots);
        errorPerL1 = Arrays.copyOf(errorPerL1, slots);
        int stride = SketchScan.words(dims) + 1;
        int before = sketches.length / stride;
        sketches = Arrays.copyOf(sketches, slots * stride);
        for (int slot = before; slot < slots; slot++) {
            sketches[slot * stride + stride - 1] = EMPTY;
        }
    }

    /** Writes the 8-bit codes of the item's (decoded) 16-bit vector into its slot. */
    private void encode(ChunkItem item, int slot, int dims) {
        short[] codes = item.codes();
        int max = 1;
        long sum = 0;
        for (short c : codes) {
            max = Math.max(max, Math.abs(c));
            sum += c;
        }
        // code = round(16-bit code * toCoarse): off by at most half a step of the 8-bit code
        float toCoarse = MAX_COARSE / max;
        int o = slot * dims;
        for (int i = 0; i < dims; i++) {
            coarse[o + i] = (byte) Math.round(codes[i] * toCoarse);
        }
        float scale = item.scale() * max / MAX_COARSE;
        coarseScale[slot] = scale;
        int words = SketchScan.words(dims);
        int at = slot * (words + 1);
        Arrays.fill(sketches, at, at + words, 0L);
        long above = 0;
        long below = 0;
        int aboveCount = 0;
        for (int i = 0; i < dims; i++) {
            // above the mean: codes[i] * dims > sum, in integers
            if ((long) codes[i] * dims > sum) {
                sketches[at + (i >>> 6)] |= 1L << i;
                above += codes[i];
                aboveCount++;
            } else {
                below += codes[i];
            }
        }
        double low = dims == aboveCount ? 0 : (double) below / (dims - aboveCount);
        double high = aboveCount == 0 ? low : (double) above / aboveCount;
        sketches[at + words] = levels((float) (low * item.scale()), (float) ((high - low) * item.scale()));
        // A sum of dims float products is off by at most gamma * sum |q_i * x_i| (gamma = dims * 2^-24
        // over 1 - dims * 2^-24); both scores carry such an error, and the 8-bit components are off
        // by up to half a step, a hair more for the float rounding of code * toCoarse.
        double gamma = 1.01 * dims * 0x1p-24;
        double largest = (double) max * item.scale();
        errorPerL1[slot] = (float) (1.001 * (scale * (0.5 + 1e-3) + gamma * (largest + MAX_COARSE * scale)) + 3e-7);
    }

    /** @return true when the chunk was there */
    boolean remove(int chunkNumber) {
        if (chunkNumber < 0 || chunkNumber >= items.length || items[chunkNumber] == null) {
            return false;
        }
        items[chunkNumber] = null;
        int stride = sketches.length / items.length;
        sketches[chunkNumber * stride + stride - 1] = EMPTY;
        count--;
        return true;
    }

    /** Empties every slot: a scan that resolved the document before it left the index finds nothing. */
    void clear() {
        for (int n = 0; n < items.length; n++) {
            remove(n);
        }
    }

    /** @return the levels word of a sketch: low in the high half, step in the low half */
    static long levels(float low, float step) {
        return (long) Float.floatToRawIntBits(low) << 32 | Float.floatToRawIntBits(step) & 0xffff_ffffL;
    }

    static float low(long levels) {
        return Float.intBitsToFloat((int) (levels >>> 32));
    }

    static float step(long levels) {
        return Float.intBitsToFloat((int) levels);
    }

    /** @return how many slots (chunk numbers) there are; a slot may be empty */
    int slots() {
        return items.length;
    }

    /** @return the items by slot (an empty slot holds null); the array itself, not a copy */
    ChunkItem[] items() {
        return items;
    }

    /** @return the item in a slot, or null */
    ChunkItem item(int slot) {
        return items[slot];
    }

    /** Shrinks the arrays to the highest chunk number present, after a batch of adds. */
    void trim() {
        int last = items.length - 1;
        while (last >= 0 && items[last] == null) {
            last--;
        }
        if (last + 1 < items.length && last >= 0) {
            grow(last + 1, coarse.length / items.length);
        }
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
