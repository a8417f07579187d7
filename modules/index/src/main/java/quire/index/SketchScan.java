package quire.index;

import java.util.ArrayList;
import java.util.List;

/**
 * An approximate scan for large candidate sets: each chunk's similarity is estimated from its
 * 1-bit sketch (one bit per component, 48 bytes at 384 dimensions and 8 for its two levels, read
 * front to back from its document's array), and only the {@code rerank} chunks with the best estimates are scored on
 * their 16-bit codes, which give the result and its similarities. Estimating costs a few
 * population counts per chunk, a fraction of reading its 8-bit codes, so a filter that leaves
 * 100,000 candidates is answered in about the time an exact scan of 10,000 takes.
 *
 * <p>A chunk's sketch marks the components above its mean component; the vector is taken as
 * {@code low} where the bit is clear and {@code low + step} where it is set (the means of either
 * group, see {@link DocumentChunks#sketches}), so the estimate is {@code low * sum(q) + step *
 * sum(q_i where bit i is set)}. Splitting at the mean rather than at zero keeps vectors whose
 * components share an offset (non-negative ones, say) apart. The query is rounded to 4 bits per
 * component, so the second sum comes from population counts of the sketch and the query's bit
 * planes. The estimate is not bounded, so the answer is approximate: a true top-k chunk is missed
 * only when more than {@code rerank} chunks are estimated above it. The benchmark measures recall
 * against exact answers.
 *
 * <p>One scan per query and thread; {@link #add} runs under the lock that guards the documents'
 * chunks, {@link #result} reads only the chunks' immutable 16-bit codes.
 */
final class SketchScan {
    private static final int QUERY_BITS = 4;
    private static final int QUERY_LEVELS = (1 << QUERY_BITS) - 1;

    private final DotProduct dot;
    private final float[] q;
    private final int k;
    private final int words;
    /** bit plane b of the query's 4-bit codes at {@code b * words} */
    private final long[] planes;
    /** the query's component = queryLow + queryStep * its 4-bit code */
    private final float queryLow;
    private final float queryStep;
    private final float querySum;
    /** the best estimates seen, with their chunks */
    private final BestFloats best;

    /** @return the 64-bit words a sketch of this many dimensions takes */
    static int words(int dims) {
        return (dims + 63) >>> 6;
    }

    /**
     * @param unitQuery the query, of unit length
     * @param rerank    how many chunks, at least k, are scored exactly
     */
    SketchScan(DotProduct dot, float[] unitQuery, int k, int rerank) {
        this.dot = dot;
        this.q = unitQuery;
        this.k = k;
        this.words = words(unitQuery.length);
        this.best = new BestFloats(Math.max(k, rerank));
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : unitQuery) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        this.queryLow = lo;
        this.queryStep = hi > lo ? (hi - lo) / QUERY_LEVELS : 0f;
        this.planes = new long[QUERY_BITS * words];
        double sum = 0;
        for (int i = 0; i < unitQuery.length; i++) {
            int code = queryStep == 0f ? 0 : Math.round((unitQuery[i] - lo) / queryStep);
            for (int b = 0; b < QUERY_BITS; b++) {
                if ((code >>> b & 1) != 0) {
                    planes[b * words + (i >>> 6)] |= 1L << i;
                }
            }
            sum += lo + (double) queryStep * code;
        }
        this.querySum = (float) sum;
    }

    /**
     * Estimates every chunk of the document from its sketch. Reads the document's sketch array
     * front to back and nothing else, except the items of the chunks estimated among the best.
     */
    void add(DocumentChunks chunks) {
        add(chunks.sketches, chunks.items());
    }

    /** Estimates every chunk of a selection's copy, read front to back in the same way. */
    void add(PackedSketches packed) {
        add(packed.sketches, packed.items);
    }

    /** @param items slot n's chunk; the sketch of slot n is at {@code n * (words + 1)} */
    private void add(long[] sketches, ChunkItem[] items) {
        long[] planes = this.planes;
        int words = this.words;
        int stride = words + 1;
        for (int at = 0; at + stride <= sketches.length; at += stride) {
            long levels = sketches[at + words];
            if (levels == DocumentChunks.EMPTY) {
                continue;
            }
            int all = 0;
            int b0 = 0;
            int b1 = 0;
            int b2 = 0;
            int b3 = 0;
            for (int w = 0; w < words; w++) {
                long s = sketches[at + w];
                all += Long.bitCount(s);
                b0 += Long.bitCount(s & planes[w]);
                b1 += Long.bitCount(s & planes[words + w]);
                b2 += Long.bitCount(s & planes[2 * words + w]);
                b3 += Long.bitCount(s & planes[3 * words + w]);
            }
            // the sum of the (4-bit) query's components where the bit is set
            float set = queryLow * all + queryStep * (b0 + 2 * b1 + 4 * b2 + 8 * b3);
            float estimate = DocumentChunks.low(levels) * querySum + DocumentChunks.step(levels) * set;
            if (best.accepts(estimate)) {
                best.offer(estimate, items[at / stride]);
            }
        }
    }

    /** @return the k best of the re-scored chunks, most similar first (equal similarities by key) */
    List<IndexHit> result() {
        List<ChunkItem> kept = new ArrayList<>(best.size());
        for (int i = 0; i < best.size(); i++) {
            kept.add(best.item(i));
        }
        return TopHits.scored(dot, q, k, kept);
    }
}
