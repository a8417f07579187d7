package quire.plugin.storage.jdbc;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import quire.spi.PluginException;
import quire.spi.storage.StorageBackend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Migrations on PostgreSQL (skipped without {@code QUIRE_TEST_PG_URL}): reopen, and a newer schema refused. */
class PostgresSchemaMigrationsTest {
    @Test
    void reopensWithoutReapplyingAndRefusesANewerSchema() throws Exception {
        Assumptions.assumeTrue(TestSchema.baseUrl() != null, "QUIRE_TEST_PG_URL not set: skipping PostgreSQL");
        try (TestSchema schema = TestSchema.create()) {
            TestSchema.factoryBackend(schema.url(), Map.of("pool-size", "2")).close();
            try (StorageBackend again = TestSchema.factoryBackend(schema.url(), Map.of("pool-size", "2"))) {
                assertEquals(SchemaMigrations.latestVersion(), again.schemaVersion());
            }
            schema.execute("INSERT INTO " + schema.name() + ".schema_version (version, description, applied_at) "
                                   + "VALUES (42, 'future', 'x')");
            PluginException refused = assertThrows(PluginException.class,
                    () -> TestSchema.factoryBackend(schema.url(), Map.of("pool-size", "2")).close());
            assertTrue(refused.getMessage().contains("version 42"), refused.getMessage());
        }
    }
}
