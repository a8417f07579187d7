package quire.plugin.storage.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.PluginException;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versioned migrations on a SQLite file: applied once, kept on reopen, newer schemas refused. */
class SchemaMigrationsTest {
    @TempDir
    Path dataDirectory;

    private StorageBackend open(Map<String, String> values) throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        return factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), values),
                              TestingPluginContext.of(dataDirectory, "jdbc"));
    }

    private String url() {
        return "jdbc:sqlite:" + dataDirectory.resolve(JdbcStorageBackendFactory.DEFAULT_FILE);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotReapply() throws Exception {
        AccessScope scope = new AccessScope("owner", null);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        try (StorageBackend backend = open(Map.of())) {
            assertEquals(SchemaMigrations.latestVersion(), backend.schemaVersion());
            backend.insertDocument(new DocumentRecord("d1", "owner", null, null, null, null, "a.txt", "text/plain",
                    "processing", "{}", "{}", "{}", "{}", "{}", List.of(), now, now));
        }
        assertTrue(Files.exists(dataDirectory.resolve("quire.db")));
        try (StorageBackend backend = open(Map.of())) {
            assertEquals(SchemaMigrations.latestVersion(), backend.schemaVersion());
            assertTrue(backend.findDocument(scope, "d1").isPresent());
        }
        assertEquals(SchemaMigrations.SCRIPTS.size(), count("SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    void aVersionOneDatabaseIsUpgradedKeepingItsData() throws Exception {
        // a database as the first release left it: schema v1 only, with a document
        java.nio.file.Files.createDirectories(dataDirectory);
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             java.io.InputStream v1 = SchemaMigrations.class.getResourceAsStream("db/sqlite/V1__init.sql")) {
            for (String statement : SchemaMigrations.statements(new String(v1.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                s.execute(statement);
            }
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                              + "applied_at TEXT NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES (1, 'init', 'x')");
            s.execute("INSERT INTO documents (id, owner_id, content_type, status, created_at, updated_at) "
                              + "VALUES ('d1', 'owner', 'text/plain', 'completed', 0, 0)");
        }
        try (StorageBackend backend = open(Map.of())) {
            assertEquals(SchemaMigrations.latestVersion(), backend.schemaVersion());
            assertTrue(backend.findDocument(new AccessScope("owner", null), "d1").isPresent());
            backend.putSetting("embedding.model", "m|3");
            assertEquals("m|3", backend.setting("embedding.model").orElseThrow());
        }
        assertEquals(SchemaMigrations.SCRIPTS.size(), count("SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    void databaseNewerThanTheCodeIsRefused() throws Exception {
        open(Map.of()).close();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 'x')");
        }
        PluginException refused = assertThrows(PluginException.class, () -> open(Map.of()).close());
        assertTrue(refused.getMessage().contains("version 999"), refused.getMessage());
        assertTrue(refused.getMessage().contains("newer Quire"), refused.getMessage());
    }

    @Test
    void migrateOffRefusesAnOlderSchema() {
        PluginException refused = assertThrows(PluginException.class, () -> open(Map.of("migrate", "false")).close());
        assertTrue(refused.getMessage().contains("migrations are off"), refused.getMessage());
    }

    @Test
    void migrateOffAcceptsACurrentSchema() throws Exception {
        open(Map.of()).close();
        try (StorageBackend backend = open(Map.of("migrate", "false"))) {
            assertEquals(SchemaMigrations.latestVersion(), backend.schemaVersion());
        }
    }

    @Test
    void sqliteFileIsInWalModeWithForeignKeys() throws Exception {
        open(Map.of()).close();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
        assertEquals(7, count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                + "('documents', 'chunks', 'folders', 'jobs', 'settings', 'schema_version', 'sqlite_sequence')"));
    }

    @Test
    void scriptsSplitOnStatementEnds() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
                     SchemaMigrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"));
    }
}
