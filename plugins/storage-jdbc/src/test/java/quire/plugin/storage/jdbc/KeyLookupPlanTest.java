package quire.plugin.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * Retrieval hydrates hits by key: SQLite must look them up through the key indexes, never by
 * reading every row of the owner (which it chose with bound parameters before the scope column
 * was kept out of index selection), whatever the owner's row count.
 */
class KeyLookupPlanTest {
    private static final AccessScope OWNER = new AccessScope("dev_user", null);
    private static final AccessScope APP = new AccessScope("dev_user", "app-1");

    @TempDir
    Path data;

    @Test
    void chunkAndDocumentLookupsUseTheKeyIndexesOnSqlite() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        try (StorageBackend ignored = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(),
                Map.of()), TestingPluginContext.of(data, "jdbc"));
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("quire.db"))) {
            for (AccessScope scope : List.of(OWNER, APP)) {
                String chunks = plan(c, JdbcStorageBackend.findChunksSql(Dialect.SQLITE, scope,
                        List.of(new ChunkKey("d1", 0), new ChunkKey("d2", 3), new ChunkKey("d3", 1))));
                assertTrue(chunks.contains("sqlite_autoindex_chunks_1"), chunks);
                assertFalse(chunks.contains("chunks_owner_idx") || chunks.contains("chunks_app_idx"), chunks);
                String documents = plan(c, JdbcStorageBackend.findDocumentsSql(Dialect.SQLITE, scope, List.of("d1", "d2", "d3")));
                assertTrue(documents.contains("sqlite_autoindex_documents_1"), documents);
                assertFalse(documents.contains("documents_owner_idx") || documents.contains("documents_app_idx"), documents);
            }
        }
    }

    private static String plan(Connection c, SqlBuilder sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql.sql())) {
            Object[] values = sql.parameters();
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            StringBuilder out = new StringBuilder();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.append(r.getString("detail")).append('\n');
                }
            }
            return out.toString();
        }
    }
}
