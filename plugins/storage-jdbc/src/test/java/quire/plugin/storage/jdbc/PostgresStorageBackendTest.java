package quire.plugin.storage.jdbc;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.BaseStorageBackendTest;

/**
 * The storage contract on PostgreSQL at {@code QUIRE_TEST_PG_URL}; skipped (with a message) when
 * the variable is unset. Each test gets its own fresh schema, dropped afterwards, so parallel
 * runs against the same database never collide.
 */
class PostgresStorageBackendTest extends BaseStorageBackendTest {
    private final Map<StorageBackend, TestSchema> schemas = new java.util.IdentityHashMap<>();

    @Override
    protected StorageBackend createBackend() throws Exception {
        // Per test, so every test is reported as skipped with this message.
        Assumptions.assumeTrue(TestSchema.baseUrl() != null, "QUIRE_TEST_PG_URL not set: skipping PostgreSQL");
        TestSchema schema = TestSchema.create();
        try {
            StorageBackend backend = TestSchema.factoryBackend(schema.url(), Map.of("pool-size", "4"));
            schemas.put(backend, schema);
            return backend;
        } catch (Exception | Error e) {
            schema.close();
            throw e;
        }
    }

    @Override
    protected void releaseBackend(StorageBackend backend) throws Exception {
        try {
            backend.close();
        } finally {
            schemas.remove(backend).close();
        }
    }

    @Override
    protected boolean textStoresNul() {
        return false;
    }
}
