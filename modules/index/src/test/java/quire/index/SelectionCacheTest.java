package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import quire.spi.storage.ChunkKey;

/** The index's cache of repeated large selections and their copies of sketches. */
class SelectionCacheTest {
    private static final int DIMS = 384;
    private static final int WORDS = SketchScan.words(DIMS);
    /** four chunks a document: 600 documents */
    private static final float[][] VECTORS = Vectors.latent(21, 2400, DIMS, 32, 22);

    private static ChunkKey chunk(int row) {
        return new ChunkKey("d" + row / 4, row % 4);
    }

    /** @return every other document from the first 600: 300 documents, 1,200 chunks, in new strings every time */
    private static List<String> everyOther() {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < 600; d += 2) {
            out.add(new String(("d" + d).toCharArray()));
        }
        return out;
    }

    @Test
    void aRepeatedSelectionIsSharedAndItsSecondScanOnReadsACopyWithTheSameAnswers() {
        VectorIndex cached = index();
        VectorIndex uncached = index();
        uncached.selectionCacheBytes(0);
        DocumentSelection first = cached.select(everyOther());
        assertEquals(1200, first.chunkCount());
        assertSame(first, cached.select(everyOther()), "the same ids again, in other strings: the same selection");
        assertEquals(1, cached.cachedSelections());
        float[][] queries = Vectors.latent(21, 20, DIMS, 32, 23);
        for (int q = 0; q < queries.length; q++) {
            for (int k : new int[] {1, 10, 50}) {
                for (int rerank : new int[] {k, 40, 1200}) {
                    List<IndexHit> expected = uncached.sketchSearchDocuments(queries[q], k, rerank, everyOther());
                    assertEquals(expected, cached.sketchSearchDocuments(queries[q], k, rerank, everyOther()), "query " + q);
                    if (rerank == 1200) {
                        assertEquals(cached.exactSearchDocuments(queries[q], k, everyOther()), expected, "re-scoring all is exact");
                    }
                }
            }
            assertEquals(PackedSketches.bytes(1200, WORDS), cached.cachedSketchBytes(), "one copy, made on the second scan");
        }
        assertEquals(0, uncached.cachedSelections());
        assertEquals(0, uncached.cachedSketchBytes());
    }

    @Test
    void theFirstScanOfASelectionMakesNoCopy() {
        VectorIndex index = index();
        float[] query = VECTORS[8];
        index.sketchSearchDocuments(query, 10, 40, everyOther());
        assertEquals(1, index.cachedSelections());
        assertEquals(0, index.cachedSketchBytes(), "a filter used once is not copied");
        index.sketchSearchDocuments(query, 10, 40, everyOther());
        assertTrue(index.cachedSketchBytes() > 0);
    }

    /** Every write empties the cache, and the scans after it see the write, whether or not a copy was made. */
    @Test
    void everyWriteEmptiesTheCacheAndTheNextScanSeesIt() {
        VectorIndex index = index();
        float[] query = VECTORS[8]; // chunk 0 of d2
        warm(index, query);
        index.remove(chunk(8));
        assertEquals(0, index.cachedSelections());
        assertEquals(0, index.cachedSketchBytes());
        warm(index, query);
        assertTrue(index.sketchSearchDocuments(query, 1200, 1200, everyOther()).stream().noneMatch(h -> h.key().equals(chunk(8))));
        assertEquals(1199, index.select(everyOther()).chunkCount());

        index.add(new ChunkKey("d4", 9), query); // a new chunk of a selected document, equal to the query
        assertEquals(0, index.cachedSelections());
        assertEquals(new ChunkKey("d4", 9), index.sketchSearchDocuments(query, 1, 10, everyOther()).get(0).key());
        warm(index, query);
        index.removeDocument("d4");
        assertEquals(0, index.cachedSketchBytes());
        List<IndexHit> after = index.sketchSearchDocuments(query, 1200, 1200, everyOther());
        assertEquals(1195, after.size(), "d2 lost a chunk, d4 all of its");
        assertTrue(after.stream().noneMatch(h -> h.key().documentId().equals("d4")));
    }

    /** A selection handed out before a write scans the documents as they are now, not its copy. */
    @Test
    void aSelectionMadeBeforeAWriteIsNotScannedFromItsCopy() {
        VectorIndex index = index();
        float[] query = VECTORS[8];
        DocumentSelection selection = warm(index, query);
        assertTrue(index.cachedSketchBytes() > 0);
        index.remove(chunk(8));
        List<IndexHit> hits = index.sketchSearchDocuments(query, 1200, 1200, selection);
        assertEquals(1199, hits.size());
        assertTrue(hits.stream().noneMatch(h -> h.key().equals(chunk(8))));
    }

    @Test
    void otherSetsAndOtherOrdersAreOtherSelections() {
        VectorIndex index = index();
        DocumentSelection selection = index.select(everyOther());
        List<String> reversed = everyOther();
        Collections.reverse(reversed);
        assertNotSame(selection, index.select(reversed));
        List<String> another = everyOther();
        another.set(150, "d1");
        DocumentSelection other = index.select(another);
        assertNotSame(selection, other);
        assertEquals(1200, other.chunkCount());
        assertSame(selection, index.select(everyOther()));
        assertEquals(3, index.cachedSelections());
    }

    /** Ids whose hashes collide are told apart by comparing the ids themselves. */
    @Test
    void aFingerprintIsConfirmedIdById() {
        SelectionCache cache = new SelectionCache();
        List<String> ids = everyOther();
        DocumentSelection selection = new DocumentSelection(List.of(), 0, 7, true);
        cache.remember(ids, 42, selection);
        assertSame(selection, cache.find(everyOther(), 42, 7));
        List<String> other = everyOther();
        other.set(299, "d999");
        assertNull(cache.find(other, 42, 7), "same fingerprint, other ids");
        assertNull(cache.find(everyOther().subList(0, 299), 42, 7), "same fingerprint, fewer ids");
        assertNull(cache.find(everyOther(), 42, 8), "made at another version of the index");
        assertTrue(SelectionCache.fingerprint(ids) != SelectionCache.fingerprint(other));
    }

    @Test
    void smallSetsAreNotCachedAndAZeroBudgetTurnsTheCacheOff() {
        VectorIndex index = index();
        List<String> few = everyOther().subList(0, SelectionCache.MIN_DOCUMENTS - 1);
        assertNotSame(index.select(few), index.select(few));
        assertEquals(0, index.cachedSelections());
        index.selectionCacheBytes(0);
        assertNotSame(index.select(everyOther()), index.select(everyOther()));
        assertEquals(0, index.cachedSelections());
    }

    /** Copies stay within the budget, the least recently used dropped first; answers do not change. */
    @Test
    void copiesStayWithinTheBudget() {
        VectorIndex index = index();
        VectorIndex uncached = index();
        uncached.selectionCacheBytes(0);
        long one = PackedSketches.bytes(1200, WORDS);
        index.selectionCacheBytes(one + one / 2);
        List<String> odd = new ArrayList<>();
        for (int d = 1; d < 600; d += 2) {
            odd.add("d" + d);
        }
        float[] query = VECTORS[9];
        for (int round = 0; round < 3; round++) {
            for (List<String> ids : List.of(everyOther(), odd)) {
                assertEquals(uncached.sketchSearchDocuments(query, 10, 40, ids), index.sketchSearchDocuments(query, 10, 40, ids));
                assertTrue(index.cachedSketchBytes() <= one + one / 2, "within the budget");
            }
        }
        assertEquals(one, index.cachedSketchBytes(), "one copy at a time");
        assertEquals(2, index.cachedSelections());
        index.selectionCacheBytes(one / 2);
        index.sketchSearchDocuments(query, 10, 40, odd);
        index.sketchSearchDocuments(query, 10, 40, odd);
        assertEquals(0, index.cachedSketchBytes(), "a copy larger than the budget is not made");
        assertEquals(uncached.sketchSearchDocuments(query, 10, 40, odd), index.sketchSearchDocuments(query, 10, 40, odd));
    }

    /** Scans the selection twice so that its copy is made. @return the selection */
    private static DocumentSelection warm(VectorIndex index, float[] query) {
        index.sketchSearchDocuments(query, 10, 40, everyOther());
        index.sketchSearchDocuments(query, 10, 40, everyOther());
        return index.select(everyOther());
    }

    private static VectorIndex index() {
        return Vectors.indexed(VECTORS, SelectionCacheTest::chunk);
    }
}
