package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.api.http.QuireServices;
import quire.ingest.NewDocument;
import quire.plugin.blobstore.fs.FsBlobStoreFactory;
import quire.plugin.chunker.recursive.RecursiveChunkerFactory;
import quire.plugin.parser.text.TextParserFactory;
import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.server.ReembedCommand;
import quire.server.ReembedException;
import quire.server.ServerOptions;
import quire.server.StartupException;
import quire.spi.ProviderFactory;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingEmbedder;
import quire.spi.testkit.TestingEmbedderFactory;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * The embedding-model guard end to end on SQLite: data ingested with one model refuses a server
 * configured with another (other dimensions, or same dimensions and another model id) with a
 * message naming both and the re-embed command; the re-embed entry point rewrites every vector,
 * survives an interruption (run again, it continues), and then the server starts.
 */
class EmbeddingModelGuardIT {
    private static final AccessScope DEV = new AccessScope("dev_user", null);
    private static final String DIMENSIONS = "quire.embedder.testing.dimensions";
    private static final String MODEL_ID = "quire.embedder.testing.model-id";

    @TempDir
    Path dir;

    @Test
    void otherDimensionsAreRefusedUntilReembedded() {
        List<String> ids = ingest(Map.of(DIMENSIONS, "64"), 3);
        assertVectors(ids, 64);

        StartupException refused = assertThrows(StartupException.class,
                () -> QuireTestServer.start(dir, Map.of(DIMENSIONS, "32")).close());
        assertEquals("the stored vectors were made by embedding model 'testing-bow-64' (64 dimensions), but the "
                + "configured embedder uses model 'testing-bow-32' (32 dimensions); vectors of different models "
                + "cannot be searched together. Either configure the embedder of model 'testing-bow-64' again, or "
                + "re-embed every stored chunk with model 'testing-bow-32': stop every Quire node that uses this "
                + "database, run `bin/quire reembed` with the same --data and --config as `serve` (it may be "
                + "interrupted and run again: it continues where it stopped), then start the server.",
                refused.getMessage());

        int chunks = chunkCount();
        assertTrue(chunks > ids.size(), "several chunks per document: " + chunks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(chunks, ReembedCommand.run(options(Map.of(DIMENSIONS, "32")), print(out)));
        String progress = out.toString(StandardCharsets.UTF_8);
        assertTrue(progress.startsWith("re-embedding " + chunks + " chunks with model 'testing-bow-32' (32 dimensions)"),
                progress);
        assertTrue(progress.contains("re-embedded " + chunks + "/" + chunks + " chunks (100%), "), progress);
        assertTrue(progress.contains("done: re-embedded " + chunks + " chunks in "), progress);

        try (QuireTestServer server = QuireTestServer.start(dir, Map.of(DIMENSIONS, "32"))) {
            assertEquals("testing-bow-32|32", storage(server).setting("embedding.model").orElseThrow());
            ids.add(ingestOne(server, 99));
        }
        assertVectors(ids, 32);
        assertThrows(StartupException.class, () -> QuireTestServer.start(dir, Map.of(DIMENSIONS, "64")).close());
    }

    @Test
    void sameDimensionsFromAnotherModelAreRefused() {
        List<String> ids = ingest(Map.of(DIMENSIONS, "64", MODEL_ID, "model-a"), 1);
        StartupException refused = assertThrows(StartupException.class,
                () -> QuireTestServer.start(dir, Map.of(DIMENSIONS, "64", MODEL_ID, "model-b")).close());
        assertTrue(refused.getMessage().startsWith("the stored vectors were made by embedding model 'model-a' "
                + "(64 dimensions), but the configured embedder uses model 'model-b' (64 dimensions)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("`bin/quire reembed`"), refused.getMessage());

        QuireTestServer.start(dir, Map.of(DIMENSIONS, "64", MODEL_ID, "model-a")).close();
        ReembedCommand.run(options(Map.of(DIMENSIONS, "64", MODEL_ID, "model-b")), print(new ByteArrayOutputStream()));
        try (QuireTestServer server = QuireTestServer.start(dir, Map.of(DIMENSIONS, "64", MODEL_ID, "model-b"))) {
            assertEquals("model-b|64", storage(server).setting("embedding.model").orElseThrow());
        }
        assertVectors(ids, 64);
    }

    @Test
    void unrecordedDataIsAdoptedOnlyWhenItsLengthMatches() {
        List<String> ids = ingest(Map.of(DIMENSIONS, "64"), 1);
        try (QuireTestServer server = QuireTestServer.start(dir, Map.of(DIMENSIONS, "64"))) {
            storage(server).putSetting("embedding.model", null); // as data from before models were recorded
        }
        StartupException refused = assertThrows(StartupException.class,
                () -> QuireTestServer.start(dir, Map.of(DIMENSIONS, "32")).close());
        assertTrue(refused.getMessage().startsWith("the stored vectors have 64 dimensions (their model was not "
                + "recorded: data from an older Quire), but the configured embedder uses model 'testing-bow-32' "
                + "(32 dimensions)"), refused.getMessage());
        try (QuireTestServer server = QuireTestServer.start(dir, Map.of(DIMENSIONS, "64"))) {
            assertEquals("testing-bow-64|64", storage(server).setting("embedding.model").orElseThrow());
        }
        assertVectors(ids, 64);
    }

    @Test
    void anInterruptedReembedBlocksStartUpAndContinuesWhenRunAgain() {
        List<String> ids = ingest(Map.of(DIMENSIONS, "64"), 4);
        int chunks = chunkCount();
        Map<String, String> interrupting = Map.of("quire.embedder.provider", InterruptingEmbedderFactory.ID,
                "quire.embedder.interrupting.dimensions", "32", "quire.embedder.interrupting.fail-on-call", "3",
                "quire.ingest.embed-batch-size", "2");
        assertTrue(chunks > 6, "more chunks than two batches of 2 and one more: " + chunks);
        ReembedException crashed = assertThrows(ReembedException.class,
                () -> ReembedCommand.run(options(interrupting), print(new ByteArrayOutputStream())));
        assertEquals("the embedder failed after 4 of " + chunks + " chunks: simulated crash; the work done is kept: "
                + "run `bin/quire reembed` again to continue", crashed.getMessage());

        for (String dimensions : List.of("32", "64")) {
            StartupException refused = assertThrows(StartupException.class,
                    () -> QuireTestServer.start(dir, Map.of(DIMENSIONS, dimensions)).close());
            assertTrue(refused.getMessage().startsWith("a re-embed of the stored vectors to model 'testing-bow-32' "
                    + "(32 dimensions) is unfinished (4 of " + chunks + " chunks done)"), refused.getMessage());
        }
        assertEquals(chunks, chunkCount(), "no chunk lost");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> finish = new LinkedHashMap<>(interrupting);
        finish.put("quire.embedder.interrupting.fail-on-call", "0");
        assertEquals(chunks - 4, ReembedCommand.run(options(finish), print(out)));
        String progress = out.toString(StandardCharsets.UTF_8);
        assertTrue(progress.startsWith("resuming the re-embed to model 'testing-bow-32' (32 dimensions): 4 of "
                + chunks + " chunks were done before"), progress);
        assertTrue(progress.contains("re-embedded " + chunks + "/" + chunks + " chunks (100%)"), progress);

        QuireTestServer.start(dir, Map.of(DIMENSIONS, "32")).close();
        assertVectors(ids, 32);
    }

    // ---- helpers ---------------------------------------------------------------------

    /** Starts a server with these overrides, ingests {@code count} multi-chunk texts, stops it. */
    private List<String> ingest(Map<String, String> overrides, int count) {
        List<String> ids = new ArrayList<>();
        try (QuireTestServer server = QuireTestServer.start(dir, overrides)) {
            for (int i = 0; i < count; i++) {
                ids.add(ingestOne(server, i));
            }
        }
        return ids;
    }

    private static String ingestOne(QuireTestServer server, int n) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 300; w++) {
            text.append("word").append(n).append('x').append(w % 37).append(w % 5 == 4 ? ". " : " ");
        }
        QuireServices services = server.server().services().orElseThrow();
        try {
            DocumentRecord doc = services.ingestion().submit(new NewDocument(DEV, null, null, null, "d" + n + ".txt",
                    "text/plain", "{}", "{}", true), new ByteArrayInputStream(text.toString().getBytes(
                    StandardCharsets.UTF_8)), 1 << 20);
            DocumentRecord done = services.ingestion().awaitSettled(DEV, doc.id(), Duration.ofSeconds(60)).orElseThrow();
            assertEquals("completed", done.status(), done.systemMetadataJson());
            return doc.id();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every chunk of these documents has exactly the vector the testing embedder of that size makes. */
    private void assertVectors(List<String> ids, int dimensions) {
        TestingEmbedder expected = new TestingEmbedder(dimensions, 128);
        try (QuireTestServer server = QuireTestServer.start(dir, Map.of(DIMENSIONS, Integer.toString(dimensions),
                MODEL_ID, storedModelId()))) {
            StorageBackend storage = storage(server);
            for (String id : ids) {
                List<ChunkRecord> chunks = storage.chunksOf(id);
                assertFalse(chunks.isEmpty());
                for (ChunkRecord c : chunks) {
                    assertEquals(dimensions, c.embedding().length);
                    assertArrayEquals(expected.embedPassages(List.of(c.content())).getFirst(), c.embedding());
                }
            }
        } catch (quire.spi.embedding.EmbeddingException e) {
            throw new AssertionError(e);
        }
    }

    /** The model id recorded now, so {@link #assertVectors} starts a server the guard accepts. */
    private String storedModelId() {
        try (StorageBackend storage = openStorage()) {
            String recorded = storage.setting("embedding.model").orElseThrow();
            return recorded.substring(0, recorded.lastIndexOf('|'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int chunkCount() {
        try (StorageBackend storage = openStorage()) {
            return (int) storage.chunkStats().count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The SQLite database in the data directory, opened directly (no guard involved). */
    private StorageBackend openStorage() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        return factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                TestingPluginContext.of(dir, "jdbc"));
    }

    private static StorageBackend storage(QuireTestServer server) {
        return server.server().services().orElseThrow().storage();
    }

    /** What {@link QuireTestServer} configures, plus {@code overrides}, for the re-embed entry point. */
    private ServerOptions options(Map<String, String> overrides) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("quire.storage.provider", "jdbc");
        o.put("quire.blob-store.provider", "fs");
        o.put("quire.chunker.provider", "recursive");
        o.put("quire.embedder.provider", TestingEmbedderFactory.ID);
        o.putAll(overrides);
        List<ProviderFactory<?>> factories = List.of(new JdbcStorageBackendFactory(), new FsBlobStoreFactory(),
                new TextParserFactory(), new RecursiveChunkerFactory(), new TestingEmbedderFactory(),
                new InterruptingEmbedderFactory());
        return new ServerOptions(null, null, dir, Map.of(), o, factories, List.of());
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
