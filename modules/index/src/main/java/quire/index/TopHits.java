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

    List<IndexHit> sorted() {
        List<IndexHit> hits = new ArrayList<>(heap);
        hits.sort(ORDER);
        return hits;
    }
}
