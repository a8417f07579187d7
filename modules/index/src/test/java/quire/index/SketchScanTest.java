package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import quire.spi.storage.ChunkKey;

class SketchScanTest {
    private static final int DIMS = 384;

    private static ChunkKey key(int i) {
        return new ChunkKey("doc-" + (i / 20), i % 20);
    }

    /** Re-scoring every candidate makes the sketch scan exact: the same hits as the exact scan, ties included. */
    @Test
    void reScoringEveryCandidateAnswersLikeTheExactScan() {
        Random random = new Random(3);
        float[][] vectors = Vectors.clustered(random, 2000, DIMS, 20);
        VectorIndex index = index(vectors);
        List<String> documents = documents(0, 100, 2);
        int candidates = index.select(documents).chunkCount();
        for (int q = 0; q < 30; q++) {
            float[] query = Vectors.clustered(random, 1, DIMS, 20)[0];
            for (int k : new int[] {1, 10, 50}) {
                assertEquals(index.exactSearchDocuments(query, k, documents), index.sketchSearchDocuments(query, k, candidates, documents));
            }
        }
    }

    /**
     * With a few times k re-scored, the sketch finds nearly every true neighbour among thousands of
     * candidates (sentence-embedding-like vectors: low intrinsic dimension); every hit is a live
     * candidate with its exact similarity, most similar first.
     */
    @Test
    void aShallowReScoringFindsNearlyAllTrueNeighbours() {
        int n = 6000;
        float[][] vectors = Vectors.latent(11, n, DIMS, 32, 12);
        VectorIndex index = index(vectors);
        index.removeDocument("doc-4");
        index.remove(key(101));
        List<String> documents = documents(0, n / 20, 3);
        documents.add("not-indexed");
        Set<String> chosen = new HashSet<>(documents);
        ChunkKey[] live = new ChunkKey[n];
        for (int i = 0; i < n; i++) {
            live[i] = chosen.contains(key(i).documentId()) && i / 20 != 4 && i != 101 ? key(i) : null;
        }
        float[][] queries = Vectors.latent(11, 100, DIMS, 32, 13);
        int found = 0;
        for (float[] query : queries) {
            List<IndexHit> hits = index.sketchSearchDocuments(query, 10, 40, documents);
            assertEquals(10, hits.size());
            Set<ChunkKey> truth = new HashSet<>(Vectors.exact(query, live, vectors, 10));
            List<IndexHit> exactOfHits = index.exactSearch(query, 10, hits.stream().map(IndexHit::key).toList());
            assertEquals(exactOfHits, hits, "exact similarities, most similar first");
            for (IndexHit hit : hits) {
                assertTrue(chosen.contains(hit.key().documentId()) && !hit.key().documentId().equals("doc-4")
                        && !hit.key().equals(key(101)), "only live candidates: " + hit.key());
                found += truth.contains(hit.key()) ? 1 : 0;
            }
        }
        double recall = found / 1000.0;
        assertTrue(recall >= 0.95, "recall@10 with 40 re-scored among ~2,000: " + recall);
    }

    @Test
    void nothingToScanAnswersNothing() {
        VectorIndex index = index(Vectors.clustered(new Random(1), 40, DIMS, 2));
        float[] query = Vectors.unit(new Random(2), DIMS);
        assertEquals(List.of(), index.sketchSearchDocuments(query, 5, 20, List.of("none")));
        index.removeDocument("doc-0");
        assertEquals(List.of(), index.sketchSearchDocuments(query, 5, 20, List.of("doc-0")));
        assertEquals(20, index.sketchSearchDocuments(query, 50, 5, List.of("doc-1")).size(), "k above rerank: k re-scored");
    }

    /**
     * A selection looks documents up once; what is removed after it was made is not scanned, by
     * either scan: a chunk removed, a document removed whole (and added again: its new chunks
     * belong to a later selection).
     */
    @Test
    void aSelectionDoesNotScanWhatWasRemovedAfterIt() {
        float[][] vectors = Vectors.clustered(new Random(5), 100, DIMS, 5);
        VectorIndex index = index(vectors);
        float[] query = vectors[25]; // chunk 5 of doc-1
        DocumentSelection selection = index.select(List.of("doc-0", "doc-1", "doc-2"));
        assertEquals(60, selection.chunkCount());
        assertEquals(key(25), index.sketchSearchDocuments(query, 1, 10, selection).get(0).key());
        index.remove(key(25));
        index.removeDocument("doc-2");
        index.add(key(45), vectors[45]); // doc-2 again, one chunk, after the selection
        for (List<IndexHit> hits : List.of(index.sketchSearchDocuments(query, 60, 60, selection),
                index.exactSearchDocuments(query, 60, selection))) {
            assertEquals(39, hits.size(), "doc-0's 20 and doc-1's 19: " + hits);
            assertTrue(hits.stream().noneMatch(hit -> hit.key().equals(key(25)) || hit.key().documentId().equals("doc-2")));
        }
        assertEquals(40, index.select(List.of("doc-0", "doc-1", "doc-2")).chunkCount());
    }

    private static VectorIndex index(float[][] vectors) {
        return Vectors.indexed(vectors, SketchScanTest::key);
    }

    private static List<String> documents(int from, int to, int every) {
        List<String> out = new ArrayList<>();
        for (int d = from; d < to; d += every) {
            out.add("doc-" + d);
        }
        return out;
    }
}
