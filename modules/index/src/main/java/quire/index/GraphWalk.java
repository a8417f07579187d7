package quire.index;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

import org.eclipse.collections.api.list.primitive.MutableIntList;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

import quire.spi.storage.ChunkKey;

/**
 * The HNSW search (Malkov and Yashunin's algorithm, as hnswlib-core runs it) over the graph that
 * hnswlib-core builds, without its per-step costs: hnswlib boxes every distance, allocates a pair
 * object per candidate, orders both queues through a comparator of boxed values and borrows its
 * visited set from a locked pool. Here the queues are heaps of primitive longs (similarity bits
 * and node id in one value), the neighbours of a node are scored four at a time with
 * {@link DotProduct#dot4} (four vectors read at once), and the visited set is a bit set kept
 * per searching thread in a lock-free pool.
 *
 * <p>The graph is read as hnswlib reads it during its own searches: node by node, holding the
 * node's monitor while its links are read (inserts change links under the same monitor). When
 * hnswlib's internals differ from what this class expects (another version),
 * {@link HnswGraphAccess#AVAILABLE} is false and {@link VectorIndex} searches with hnswlib's
 * {@code findNearest}.
 */
final class GraphWalk {
    /** Visited sets of finished searches, reused by the next ones (one per concurrent search). */
    private static final ConcurrentLinkedQueue<Visited> VISITED = new ConcurrentLinkedQueue<>();

    private GraphWalk() {
    }

    /**
     * The ef nearest live nodes the walk finds, most similar first. The caller holds the index's
     * shared lock, so the graph's arrays are not replaced meanwhile.
     *
     * @param q      the unit query
     * @param ef     how many results the walk keeps (its beam width)
     * @param accept the nodes that may be results, or null for all; the walk passes through the
     *               others (the graph's links run through them) but keeps ef accepted ones, so
     *               a selective filter makes it walk further instead of returning fewer. Asked only
     *               of nodes similar enough to enter the results.
     */
    static List<IndexHit> search(HnswIndex<ChunkKey, Object, ChunkItem, Float> graph, DotProduct dot, float[] q, int ef,
                                 Predicate<ChunkKey> accept) {
        Object entry = HnswGraphAccess.ENTRY_POINT.getVolatile(graph);
        if (entry == null) {
            return List.of();
        }
        AtomicReferenceArray<?> nodes = (AtomicReferenceArray<?>) HnswGraphAccess.NODES.get(graph);
        Object current = entry;
        float currentSimilarity = similarity(dot, q, current);
        for (int level = links(entry).length - 1; level > 0; level--) {
            boolean moved = true;
            while (moved) {
                moved = false;
                synchronized (current) {
                    MutableIntList neighbours = links(current)[level];
                    for (int i = 0; i < neighbours.size(); i++) {
                        Object candidate = nodes.get(neighbours.get(i));
                        if (candidate == null) {
                            continue; // not expected (hnswlib stores a node before linking it), but harmless
                        }
                        float s = similarity(dot, q, candidate);
                        if (s > currentSimilarity) {
                            currentSimilarity = s;
                            current = candidate;
                            moved = true;
                        }
                    }
                }
            }
        }
        Visited visited = borrow(nodes.length());
        try {
            return searchBaseLayer(nodes, dot, q, ef, accept, current, currentSimilarity, visited);
        } finally {
            visited.clear();
            VISITED.offer(visited);
        }
    }

    private static List<IndexHit> searchBaseLayer(AtomicReferenceArray<?> nodes, DotProduct dot, float[] q, int ef,
                                                  Predicate<ChunkKey> accept, Object start, float startSimilarity, Visited visited) {
        LongHeap candidates = new LongHeap(Math.max(16, ef * 2), true);
        LongHeap results = new LongHeap(ef + 1, false);
        int startId = (int) HnswGraphAccess.NODE_ID.get(start);
        visited.add(startId);
        candidates.push(pack(startSimilarity, startId));
        if (!deleted(start) && (accept == null || accept.test(item(start).id()))) {
            results.push(pack(startSimilarity, startId));
        }
        ChunkItem[] batch = new ChunkItem[4];
        int[] batchIds = new int[4];
        boolean[] batchLive = new boolean[4];
        float[] four = new float[4];
        while (!candidates.isEmpty()) {
            long best = candidates.pop();
            if (results.size() >= ef && similarityOf(best) < similarityOf(results.top())) {
                break;
            }
            Object node = nodes.get(idOf(best));
            synchronized (node) {
                MutableIntList neighbours = links(node)[0];
                int n = neighbours.size();
                int filled = 0;
                for (int i = 0; i < n; i++) {
                    int id = neighbours.get(i);
                    if (!visited.add(id)) {
                        continue;
                    }
                    Object neighbour = nodes.get(id);
                    if (neighbour == null) {
                        continue;
                    }
                    batch[filled] = item(neighbour);
                    batchIds[filled] = id;
                    batchLive[filled] = !deleted(neighbour);
                    if (++filled == 4) {
                        dot.dot4(q, batch[0].codes(), batch[1].codes(), batch[2].codes(), batch[3].codes(), four);
                        for (int b = 0; b < 4; b++) {
                            consider(candidates, results, ef, accept, four[b] * batch[b].scale(), batch[b], batchIds[b], batchLive[b]);
                        }
                        filled = 0;
                    }
                }
                for (int b = 0; b < filled; b++) {
                    consider(candidates, results, ef, accept, dot.dot(q, batch[b].codes()) * batch[b].scale(), batch[b],
                            batchIds[b], batchLive[b]);
                }
            }
        }
        IndexHit[] hits = new IndexHit[results.size()];
        for (int i = hits.length - 1; i >= 0; i--) {
            long worst = results.pop();
            ChunkItem item = item(nodes.get(idOf(worst)));
            hits[i] = new IndexHit(item.id(), similarityOf(worst));
        }
        return List.of(hits);
    }

    private static void consider(LongHeap candidates, LongHeap results, int ef, Predicate<ChunkKey> accept, float similarity,
                                 ChunkItem item, int id, boolean live) {
        if (results.size() < ef || similarity > similarityOf(results.top())) {
            long packed = pack(similarity, id);
            candidates.push(packed);
            if (live && (accept == null || accept.test(item.id()))) {
                results.push(packed);
                if (results.size() > ef) {
                    results.pop();
                }
            }
        }
    }

    private static ChunkItem item(Object node) {
        return (ChunkItem) HnswGraphAccess.NODE_ITEM.getVolatile(node);
    }

    private static float similarity(DotProduct dot, float[] q, Object node) {
        ChunkItem item = item(node);
        return dot.dot(q, item.codes()) * item.scale();
    }

    private static MutableIntList[] links(Object node) {
        return (MutableIntList[]) HnswGraphAccess.NODE_CONNECTIONS.get(node);
    }

    private static boolean deleted(Object node) {
        return (boolean) HnswGraphAccess.NODE_DELETED.getVolatile(node);
    }

    /**
     * A similarity and a node id in one long that orders as the similarity does (ties by id):
     * the float's bits made to order as signed ints in the high half, the id in the low half.
     */
    static long pack(float similarity, int id) {
        int bits = Float.floatToRawIntBits(similarity);
        bits ^= (bits >> 31) & 0x7fff_ffff;
        return ((long) bits << 32) | (id & 0xffff_ffffL);
    }

    static float similarityOf(long packed) {
        int bits = (int) (packed >> 32);
        bits ^= (bits >> 31) & 0x7fff_ffff;
        return Float.intBitsToFloat(bits);
    }

    static int idOf(long packed) {
        return (int) packed;
    }

    private static Visited borrow(int capacity) {
        Visited visited = VISITED.poll();
        if (visited == null || visited.capacity() < capacity) {
            return new Visited(capacity);
        }
        return visited;
    }

    /** A set of node ids that clears only the words it set. */
    private static final class Visited {
        private final long[] bits;
        private int[] touched = new int[256];
        private int touchedCount;

        Visited(int capacity) {
            bits = new long[(capacity + 63) >>> 6];
        }

        int capacity() {
            return bits.length << 6;
        }

        /** @return true when the id was not in the set */
        boolean add(int id) {
            int word = id >>> 6;
            long mask = 1L << id;
            long old = bits[word];
            if ((old & mask) != 0) {
                return false;
            }
            if (old == 0) {
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touchedCount * 2);
                }
                touched[touchedCount++] = word;
            }
            bits[word] = old | mask;
            return true;
        }

        void clear() {
            for (int i = 0; i < touchedCount; i++) {
                bits[touched[i]] = 0;
            }
            touchedCount = 0;
        }
    }

    /** A binary heap of longs: the largest on top, or the smallest. */
    static final class LongHeap {
        private long[] values;
        private int size;
        private final boolean maxOnTop;

        LongHeap(int capacity, boolean maxOnTop) {
            this.values = new long[Math.max(2, capacity)];
            this.maxOnTop = maxOnTop;
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        long top() {
            return values[0];
        }

        void push(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!above(value, values[parent])) {
                    break;
                }
                values[i] = values[parent];
                i = parent;
            }
            values[i] = value;
        }

        long pop() {
            long top = values[0];
            long last = values[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && above(values[child + 1], values[child])) {
                    child++;
                }
                if (!above(values[child], last)) {
                    break;
                }
                values[i] = values[child];
                i = child;
            }
            values[i] = last;
            return top;
        }

        private boolean above(long a, long b) {
            return maxOnTop ? a > b : a < b;
        }
    }
}
