package quire.index;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** The real SQLite storage plugin in a temp directory, with helpers to write documents with embedded chunks. */
final class StorageFixture implements AutoCloseable {
    static final AccessScope ALICE = new AccessScope("alice", null);

    final StorageBackend storage;
    private final TestingPluginContext context;
    private final int dimensions;
    private final Random random = new Random(17);
    /** the vectors we stored, to check the index holds the current ones */
    final Map<ChunkKey, float[]> stored = new HashMap<>();

    StorageFixture(Path dataDir, int dimensions) throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        this.context = TestingPluginContext.of(dataDir, factory.id());
        this.storage = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()), context);
        this.dimensions = dimensions;
    }

    /** Stores a completed document with {@code chunks} embedded chunks. */
    void document(String id, int chunks) {
        Instant now = Instant.now();
        storage.insertDocument(new DocumentRecord(id, "alice", null, null, null, null, id + ".txt", "text/plain", "processing",
                null, null, null, null, null, List.of(), now, now));
        replaceChunks(id, chunks);
    }

    /** Re-processes a document: new chunks (new sequences, new vectors) replace the old ones. */
    void replaceChunks(String id, int chunks) {
        DocumentRecord doc = storage.findDocument(ALICE, id).orElseThrow();
        List<ChunkRecord> records = new ArrayList<>();
        stored.keySet().removeIf(k -> k.documentId().equals(id));
        for (int n = 0; n < chunks; n++) {
            float[] v = Vectors.unit(random, dimensions);
            records.add(new ChunkRecord(id, n, "chunk " + n, "{}", v, 0));
            stored.put(new ChunkKey(id, n), v);
        }
        storage.replaceChunksAndUpdate(doc, records);
    }

    void delete(String id) {
        storage.deleteDocument(ALICE, id);
        stored.keySet().removeIf(k -> k.documentId().equals(id));
    }

    /** @return the chunk keys the database holds now */
    java.util.Set<ChunkKey> databaseKeys() {
        java.util.Set<ChunkKey> keys = new java.util.HashSet<>();
        storage.forEachChunk(0, c -> keys.add(c.key()));
        return keys;
    }

    @Override
    public void close() throws Exception {
        storage.close();
        context.close();
    }
}
