package quire.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An exact scan in two passes: every chunk is scored first on its 8-bit codes (half the bytes of
 * the 16-bit ones, read front to back from its document's array), and only the chunks that can
 * still be among the k best are scored again on their 16-bit codes, which give the result and its
 * similarities. A chunk's 8-bit score is within a known error of its 16-bit score
 * ({@link DocumentChunks#errorPerL1} times the query's L1 norm), so a chunk is dropped only when
 * its best possible score is below the k-th best worst possible score seen: the result is the
 * same as scoring every chunk on its 16-bit codes, ties included ({@link TopHits} orders them by key).
 *
 * <p>One scan per query and thread; {@link #add} runs under the lock that guards the documents'
 * chunks, {@link #result} reads only the chunks' immutable 16-bit codes.
 */
final class CoarseScan {
    private final DotProduct dot;
    private final float[] q;
    private final int k;
    private final double l1;
    /** the k largest lower bounds seen: the smallest is the bar a chunk must reach */
    private final BestFloats lowest;
    private final List<ChunkItem> survivors = new ArrayList<>();
    private float[] survivorUpper = new float[64];
    private final float[] four = new float[4];
    private final int[] pending = new int[4];
    private long scored;
    private int rescored;

    CoarseScan(DotProduct dot, float[] unitQuery, int k) {
        this.dot = dot;
        this.q = unitQuery;
        this.k = k;
        double sum = 0;
        for (float v : unitQuery) {
            sum += Math.abs(v);
        }
        this.l1 = sum * 1.0001;
        this.lowest = new BestFloats(k);
    }

    /** Scores every chunk of the document on its 8-bit codes. */
    void add(DocumentChunks chunks) {
        byte[] coarse = chunks.coarse;
        int dims = q.length;
        int slots = chunks.slots();
        int filled = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (chunks.item(slot) == null) {
                continue;
            }
            pending[filled++] = slot;
            if (filled == 4) {
                dot.dot4(q, coarse, pending[0] * dims, pending[1] * dims, pending[2] * dims, pending[3] * dims, four);
                for (int j = 0; j < 4; j++) {
                    offer(chunks, pending[j], four[j]);
                }
                filled = 0;
            }
        }
        for (int j = 0; j < filled; j++) {
            offer(chunks, pending[j], dot.dot(q, coarse, pending[j] * dims));
        }
    }

    private void offer(DocumentChunks chunks, int slot, float raw) {
        scored++;
        float score = raw * chunks.coarseScale[slot];
        float error = (float) (chunks.errorPerL1[slot] * l1);
        float upper = score + error;
        if (lowest.isFull() && upper < lowest.min()) {
            return;
        }
        lowest.offer(score - error, null);
        if (survivors.size() == survivorUpper.length) {
            survivorUpper = Arrays.copyOf(survivorUpper, survivorUpper.length * 2);
        }
        survivorUpper[survivors.size()] = upper;
        survivors.add(chunks.item(slot));
    }

    /** @return the k most similar chunks on their 16-bit codes, most similar first */
    List<IndexHit> result() {
        float bar = lowest.isFull() ? lowest.min() : Float.NEGATIVE_INFINITY;
        TopHits best = new TopHits(k);
        for (int i = 0; i < survivors.size(); i++) {
            if (survivorUpper[i] >= bar) {
                ChunkItem item = survivors.get(i);
                rescored++;
                best.offer(item, dot.dot(q, item.codes()) * item.scale());
            }
        }
        return best.sorted();
    }

    /** @return how many chunks were scored on 8-bit codes */
    long scored() {
        return scored;
    }

    /** @return how many chunks {@link #result} scored again on their 16-bit codes */
    int rescored() {
        return rescored;
    }
}
