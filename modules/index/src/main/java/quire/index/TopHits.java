package quire.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The k best hits seen so far, in a min-heap. "Best" is a total order, higher similarity first and,
 * among equal similarities, the smaller key (document id, then chunk number), so the result does
 * not depend on the order the hits were offered in: two scans of the same chunks in different
 * orders answer alike, ties included.
 */
final class TopHits {
    /** best first */
    static final Comparator<IndexHit> ORDER = Comparator.comparingDouble(IndexHit::similarity).reversed()
            .thenComparing(hit -> hit.key().documentId())
            .thenComparingInt(hit -> hit.key().chunkNumber());

    private final int k;
    /** worst on top */
    private final PriorityQueue<IndexHit> heap;
    private IndexHit worst;

    TopHits(int k) {
        this.k = k;
        this.heap = new PriorityQueue<>(k + 1, ORDER.reversed());
    }

    void offer(ChunkItem item, float similarity) {
        if (heap.size() < k) {
            heap.add(new IndexHit(item.id(), similarity));
            if (heap.size() == k) {
                worst = heap.peek();
            }
        } else if (similarity > worst.similarity()
                || similarity == worst.similarity() && ORDER.compare(new IndexHit(item.id(), similarity), worst) < 0) {
            heap.poll();
            heap.add(new IndexHit(item.id(), similarity));
            worst = heap.peek();
        }
    }

    /**
     * Scores the items on their 16-bit codes, four at a time.
     *
     * @return the k most similar to the unit query, best first
     */
    static List<IndexHit> scored(DotProduct dot, float[] q, int k, List<ChunkItem> items) {
        TopHits best = new TopHits(k);
        float[] four = new float[4];
        int n = items.size();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            ChunkItem a = items.get(i), b = items.get(i + 1), c = items.get(i + 2), d = items.get(i + 3);
            dot.dot4(q, a.codes(), b.codes(), c.codes(), d.codes(), four);
            best.offer(a, four[0] * a.scale());
            best.offer(b, four[1] * b.scale());
            best.offer(c, four[2] * c.scale());
            best.offer(d, four[3] * d.scale());
        }
        for (; i < n; i++) {
            ChunkItem item = items.get(i);
            best.offer(item, dot.dot(q, item.codes()) * item.scale());
        }
        return best.sorted();
    }

    List<IndexHit> sorted() {
        List<IndexHit> hits = new ArrayList<>(heap);
        hits.sort(ORDER);
        return hits;
    }
}
