package quire.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quire.plugin.blobstore.fs.FsBlobStoreFactory;
import quire.plugin.chunker.recursive.RecursiveChunkerFactory;
import quire.plugin.parser.text.TextParserFactory;
import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.spi.Provider;
import quire.spi.ProviderFactory;
import quire.spi.blob.BlobStore;
import quire.spi.chunker.Chunker;
import quire.spi.parser.Parser;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingEmbedder;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * Real providers for ingestion tests: SQLite storage and file blobs in a temp directory, the
 * text parser, the recursive chunker, and the deterministic testing embedder. A fixture can
 * start several services over the same data directory to simulate restarts.
 */
final class IngestFixture implements AutoCloseable {
    static final AccessScope ALICE = new AccessScope("alice", null);

    final Path dataDir;
    final StorageBackend storage;
    final BlobStore blobs;
    final Parser textParser;
    final Chunker chunker;
    final TestingEmbedder embedder;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    IngestFixture(Path dataDir, TestingEmbedder embedder) throws Exception {
        this.dataDir = dataDir;
        this.embedder = embedder;
        this.storage = create(new JdbcStorageBackendFactory(), "storage.jdbc", Map.of());
        this.blobs = create(new FsBlobStoreFactory(), "blob-store.fs", Map.of("root", dataDir.resolve("blobs").toString()));
        this.textParser = create(new TextParserFactory(), "parsers.text", Map.of());
        this.chunker = create(new RecursiveChunkerFactory(), "chunker.recursive", Map.of("chunk-size", "40", "chunk-overlap", "5"));
    }

    private <P extends Provider> P create(ProviderFactory<P> factory, String path, Map<String, String> values) throws Exception {
        TestingPluginContext context = TestingPluginContext.of(dataDir, factory.id());
        P p = factory.create(TestingPluginConfig.of("quire." + path, factory.configProperties(), values), context);
        closeables.add(0, context);
        closeables.add(0, p);
        return p;
    }

    static IngestSettings settings(int workers, Duration lease) {
        return new IngestSettings(workers, 3, Duration.ofMillis(50), lease, Duration.ofMillis(50), 8,
                Duration.ofSeconds(30));
    }

    IngestionService service(IngestSettings settings, IngestListener listener) {
        return service(settings, listener, storage);
    }

    /** A service over another view of the storage (e.g. one that interleaves a client's writes). */
    IngestionService service(IngestSettings settings, IngestListener listener, StorageBackend storage) {
        IngestionService s = new IngestionService(storage, blobs, List.of(textParser), ContentTypeSniffer::sniff, chunker,
                embedder, settings, Clock.systemUTC(), listener, dataDir.resolve("work"));
        closeables.add(0, s);
        return s;
    }

    static NewDocument text(AccessScope scope, String filename) {
        return new NewDocument(scope, null, null, null, filename, null, "{\"topic\":\"test\"}", "{}", true);
    }

    static NewDocument file(AccessScope scope, String filename, String declaredType) {
        return new NewDocument(scope, null, null, null, filename, declaredType, "{}", "{}", false);
    }

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    DocumentRecord awaitSettled(IngestionService service, String id) {
        return service.awaitSettled(ALICE, id, Duration.ofSeconds(30)).orElseThrow();
    }

    /**
     * Polls Alice's document until its {@code system_metadata.progress} shows the step; fails after
     * 20 s, or when progress is missing while it runs.
     *
     * @return the progress object
     */
    jakarta.json.JsonObject awaitProgressStep(String id, String stepName) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        jakarta.json.JsonObject progress;
        do {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "the job shows the " + stepName + " step");
            Thread.sleep(20);
            jakarta.json.JsonObject sys = JsonText.parseObject(storage.findDocument(ALICE, id).orElseThrow().systemMetadataJson());
            progress = sys.getJsonObject("progress");
            org.junit.jupiter.api.Assertions.assertNotNull(progress, "progress is there until completion: " + sys);
        } while (!progress.getString("step_name").equals(stepName));
        return progress;
    }

    /** @return a text of {@code paragraphs} paragraphs of distinct numbered sentences */
    static String longText(int paragraphs) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            for (int s = 0; s < 6; s++) {
                sb.append("Paragraph ").append(p).append(" sentence ").append(s).append(" talks about item").append(p * 10 + s).append(". ");
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing everything matters more than the first failure
            }
        }
    }
}
