package quire.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.index.IndexOptions;
import quire.index.VectorIndex;
import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.spi.filter.FilterNode;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingEmbedder;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * The planner against real SQLite storage and a real index: every path (exact scan, sketch scan
 * and the filtered HNSW walk, each forced) must agree with brute force, filters and scopes must
 * exclude, and k results must come back whenever k exist.
 */
class RetrievalServiceTest {
    private static final AccessScope ALICE = new AccessScope("alice", null);
    private static final AccessScope BOB = new AccessScope("bob", null);
    private static final String[] TOPICS = {"herons", "tax", "kernel", "violin", "volcano", "bread", "chess", "orbit"};

    @TempDir
    Path dir;
    private TestingPluginContext context;
    private StorageBackend storage;
    private final TestingEmbedder embedder = new TestingEmbedder(64, 128);
    private VectorIndex index;

    @BeforeEach
    void setUp() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        context = TestingPluginContext.of(dir, "jdbc");
        storage = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()), context);
        index = new VectorIndex(IndexOptions.of(64, "testing-bow-64"));
    }

    @AfterEach
    void tearDown() throws Exception {
        storage.close();
        context.close();
    }

    /** Stores a completed document whose chunks talk about the given topic, and indexes them. */
    private DocumentRecord document(AccessScope scope, String id, String topic, int chunks, String metadataJson) throws Exception {
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < chunks; n++) {
            ids.add(id + ":" + n);
        }
        DocumentRecord doc = new DocumentRecord(id, scope.ownerId(), scope.appId(), null, null, null, id + ".txt",
                "text/plain", "processing", metadataJson, "{}", "{}", "{}", "{}", List.of(), now, now);
        storage.insertDocument(doc);
        List<ChunkRecord> records = new ArrayList<>();
        for (int n = 0; n < chunks; n++) {
            String text = "chunk " + n + " about " + topic + " " + topic + " and item" + n + " of " + id;
            records.add(new ChunkRecord(id, n, text, "{}", embedder.embedPassages(List.of(text)).get(0), 0));
        }
        DocumentRecord done = new DocumentRecord(id, scope.ownerId(), scope.appId(), null, null, null, id + ".txt",
                "text/plain", "completed", metadataJson, "{}", "{}", "{}", "{}", ids, now, now);
        assertTrue(storage.replaceChunksAndUpdate(done, records));
        for (ChunkRecord c : records) {
            index.add(c.key(), c.embedding());
        }
        return done;
    }

    private RetrievalService service(SearchPlanner.Path path) {
        return new RetrievalService(storage, () -> index, embedder, null, SETTINGS, path);
    }

    private static RetrievalQuery query(String text, int k, FilterNode filter) {
        DocumentQuery narrowing = new DocumentQuery(null, null, false, filter, null, null, 0, 1, "created_at", true);
        return new RetrievalQuery(text, narrowing, k, 0.0, 0, false);
    }

    private static FilterNode filter(String json) {
        return FilterParser.parse(Json.createReader(new StringReader(json)).readValue());
    }

    private void corpus() throws Exception {
        for (int i = 0; i < 40; i++) {
            String topic = TOPICS[i % TOPICS.length];
            document(ALICE, "doc-" + i, topic, 5, "{\"topic\":\"" + topic + "\",\"n\":" + i + "}");
        }
        document(BOB, "bob-doc", "herons", 5, "{\"topic\":\"herons\"}");
    }

    @Test
    void theRightTopicComesFirstAndScoresDescend() throws Exception {
        corpus();
        for (SearchPlanner.Path plan : PATHS) {
            List<ChunkHit> hits = service(plan).chunks(ALICE, query("herons herons", 6, null));
            assertEquals(6, hits.size());
            for (ChunkHit h : hits) {
                assertTrue(h.chunk().content().contains("herons"), h.chunk().content());
                assertEquals("alice", h.document().ownerId(), "never another owner's chunk");
                assertTrue(h.score() >= 0 && h.score() <= 1);
            }
            for (int i = 1; i < hits.size(); i++) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "scores descend");
            }
        }
    }

    @Test
    void filtersExcludeAndKResultsComeBackWheneverKExist() throws Exception {
        corpus();
        // one document of 40 (5 of 205 chunks) selected: HNSW alone would rarely find them
        FilterNode one = filter("{\"n\": 13}");
        for (SearchPlanner.Path plan : PATHS) {
            List<ChunkHit> hits = service(plan).chunks(ALICE, query("herons", 5, one));
            assertEquals(5, hits.size(), "all 5 chunks of the one selected document");
            assertTrue(hits.stream().allMatch(h -> h.document().id().equals("doc-13")));
            List<ChunkHit> more = service(plan).chunks(ALICE, query("herons", 9, one));
            assertEquals(5, more.size(), "no more than exist");
        }
        FilterNode tax = filter("{\"topic\": \"tax\"}");
        List<ChunkHit> hits = service(SearchPlanner.Path.HNSW).chunks(ALICE, query("herons", 12, tax));
        assertEquals(12, hits.size());
        assertTrue(hits.stream().allMatch(h -> h.chunk().content().contains("tax")));
    }

    @Test
    void everyPathAgreesWithBruteForce() throws Exception {
        corpus();
        // the bag-of-words vectors tie a lot, so compare the score at each rank rather than the keys
        for (String q : List.of("violin item3", "orbit orbit", "bread item1 doc-21", "kernel chess")) {
            List<ChunkHit> exact = service(SearchPlanner.Path.EXACT_SCAN).chunks(ALICE, query(q, 10, null));
            for (SearchPlanner.Path path : List.of(SearchPlanner.Path.SKETCH_SCAN, SearchPlanner.Path.HNSW)) {
                List<ChunkHit> approximate = service(path).chunks(ALICE, query(q, 10, null));
                assertEquals(10, approximate.size());
                int same = 0;
                for (int i = 0; i < 10; i++) {
                    if (Math.abs(exact.get(i).score() - approximate.get(i).score()) < 1e-6) {
                        same++;
                    }
                }
                assertTrue(same >= 9, q + ": " + path + " matched the exact score at " + same + " of 10 ranks");
            }
        }
    }

    @Test
    void deletedDocumentsNeverComeBackEvenWhenTheIndexStillHasThem() throws Exception {
        corpus();
        assertTrue(storage.deleteDocument(ALICE, "doc-0"));  // index not told: a stale index
        for (SearchPlanner.Path plan : PATHS) {
            List<ChunkHit> hits = service(plan).chunks(ALICE, query("herons doc-0", 10, null));
            assertEquals(10, hits.size());
            assertFalse(hits.stream().anyMatch(h -> h.document().id().equals("doc-0")));
        }
    }

    @Test
    void documentsKeepTheBestChunkOfEachDocument() throws Exception {
        corpus();
        List<ChunkHit> docs = service(SearchPlanner.Path.HNSW).documents(ALICE, query("volcano", 4, null));
        assertEquals(4, docs.size());
        assertEquals(4, docs.stream().map(h -> h.document().id()).distinct().count());
        assertTrue(docs.stream().allMatch(h -> h.chunk().content().contains("volcano")));
    }

    @Test
    void minScorePaddingAndLimits() throws Exception {
        corpus();
        RetrievalService s = service(SearchPlanner.Path.EXACT_SCAN);
        DocumentQuery narrowing = new DocumentQuery(null, null, false, null, null, null, 0, 1, "created_at", true);
        List<ChunkHit> strict = s.chunks(ALICE, new RetrievalQuery("herons", narrowing, 50, 0.99, 0, false));
        assertTrue(strict.stream().allMatch(h -> h.score() >= 0.99));
        List<ChunkHit> padded = s.chunks(ALICE, new RetrievalQuery("item2 of doc-4", narrowing, 1, 0.0, 1, false));
        ChunkHit hit = padded.get(0);
        assertFalse(hit.padding());
        Set<Integer> neighbours = new HashSet<>();
        for (int n : new int[] {hit.chunk().chunkNumber() - 1, hit.chunk().chunkNumber() + 1}) {
            if (n >= 0 && n < 5) {
                neighbours.add(n);
            }
        }
        assertEquals(1 + neighbours.size(), padded.size(), "the hit and its existing neighbours");
        Set<Integer> got = new HashSet<>();
        for (ChunkHit p : padded.subList(1, padded.size())) {
            assertTrue(p.padding());
            assertEquals(0.0, p.score());
            assertEquals(hit.document().id(), p.document().id());
            got.add(p.chunk().chunkNumber());
        }
        assertEquals(neighbours, got);
        assertThrows(RetrievalException.class, () -> s.chunks(ALICE, query("x", 5000, null)));
        assertTrue(s.chunks(BOB, query("volcano", 5, filter("{\"topic\":\"volcano\"}"))).isEmpty(), "bob has no volcanoes");
    }

    @Test
    void anEmbedderThatIsDownIsATemporaryFailureNotABug() throws Exception {
        corpus();
        embedder.failNext(1, true);
        RetrievalUnavailableException e = assertThrows(RetrievalUnavailableException.class,
                () -> service(SearchPlanner.Path.EXACT_SCAN).chunks(ALICE, query("herons", 3, null)));
        assertTrue(e.getMessage().startsWith("The embedding model could not embed the query"), e.getMessage());
    }

    private static final RetrievalSettings SETTINGS = new RetrievalSettings(20_000, 0.05, 30, 1_000_000, 1000);
    private static final List<SearchPlanner.Path> PATHS = List.of(SearchPlanner.Path.values());
}
