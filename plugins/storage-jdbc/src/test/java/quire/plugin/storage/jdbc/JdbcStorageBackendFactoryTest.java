package quire.plugin.storage.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.ConfigProperty;
import quire.spi.PluginException;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.filter.FilterNode;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory's configuration surface and the backend's stated limits. */
class JdbcStorageBackendFactoryTest {
    @TempDir
    Path dataDirectory;

    private final JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();

    private StorageBackend create(Map<String, String> values) throws Exception {
        return factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), values),
                              TestingPluginContext.of(dataDirectory, "jdbc"));
    }

    @Test
    void declaresItsKeysWithPasswordSecret() {
        assertEquals("jdbc", factory.id());
        assertEquals(List.of("url", "pool-size", "username", "password", "migrate"),
                     factory.configProperties().stream().map(ConfigProperty::name).toList());
        assertTrue(factory.configProperties().stream().filter(p -> p.name().equals("password"))
                           .allMatch(ConfigProperty::secret));
    }

    @Test
    void emptyUrlMeansSqliteFileInTheDataDirectory() throws Exception {
        try (StorageBackend backend = create(Map.of("url", " "))) {
            assertEquals("sqlite", backend.info().details().get("dialect"));
            assertEquals(dataDirectory.resolve("quire.db").toAbsolutePath().toString(),
                         backend.info().details().get("location"));
            assertTrue(backend.ping());
        }
    }

    @Test
    void unsupportedUrlFailsWithTheKeyPath() {
        PluginException e = assertThrows(PluginException.class, () -> create(Map.of("url", "jdbc:mysql://x/y")));
        assertTrue(e.getMessage().startsWith("quire.storage.jdbc.url"), e.getMessage());
    }

    @Test
    void poolSizeMustBePositive() {
        assertThrows(PluginException.class, () -> create(Map.of("pool-size", "0")));
    }

    @Test
    void metadataFiltersNarrowListingsAndCountsWithBoundKeys() throws Exception {
        // a key that would break any SQL or JSON path spelled into the statement
        String key = "it's a \"key\".$[0] ü";
        FilterNode filter = new FilterNode.Equals(key, "v");
        DocumentQuery query = new DocumentQuery(null, null, false, filter, null, null, 0, 10, null, true);
        AccessScope scope = new AccessScope("owner", null);
        try (StorageBackend backend = create(Map.of())) {
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            String metadata = "{\"it's a \\\"key\\\".$[0] ü\": \"v\"}";
            backend.insertDocument(new DocumentRecord("d1", "owner", null, null, null, null, "a.txt", "text/plain",
                    "completed", metadata, "{}", "{}", "{}", "{}", List.of(), now, now));
            backend.insertDocument(new DocumentRecord("d2", "owner", null, null, null, null, "b.txt", "text/plain",
                    "completed", "{\"other\": \"v\"}", "{}", "{}", "{}", "{}", List.of(), now, now));
            assertEquals(List.of("d1"), backend.listDocuments(scope, query).stream().map(DocumentRecord::id).toList());
            assertEquals(1, backend.countDocuments(scope, query));
            DocumentQuery negated = new DocumentQuery(null, null, false, new FilterNode.Not(filter), null, null, 0, 10,
                    null, true);
            assertEquals(List.of("d2"), backend.listDocuments(scope, negated).stream().map(DocumentRecord::id).toList());
            assertThrows(IllegalArgumentException.class, () -> backend.listDocuments(scope,
                    new DocumentQuery(null, null, false, null, null, null, 0, 10, "size; DROP TABLE documents", true)));
        }
    }

    @Test
    void postgresLocationNeverShowsUrlParameters() {
        assertFalse(Dialect.fromUrl("jdbc:postgresql://h/db?password=secret").id().isEmpty());
        assertEquals(Dialect.POSTGRESQL, Dialect.fromUrl("JDBC:POSTGRESQL://h/db"));
        assertEquals(Dialect.SQLITE, Dialect.fromUrl("jdbc:sqlite:/tmp/x.db"));
    }
}
