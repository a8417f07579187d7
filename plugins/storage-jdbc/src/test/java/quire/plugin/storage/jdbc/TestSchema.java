package quire.plugin.storage.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** A throw-away PostgreSQL schema {@code quire_test_<random>} on the test database. */
final class TestSchema implements AutoCloseable {
    private final String name;

    private TestSchema(String name) {
        this.name = name;
    }

    /** @return {@code QUIRE_TEST_PG_URL}, or null when unset */
    static String baseUrl() {
        String url = System.getenv("QUIRE_TEST_PG_URL");
        return url == null || url.isBlank() ? null : url;
    }

    static TestSchema create() throws SQLException {
        TestSchema schema = new TestSchema("quire_test_" + UUID.randomUUID().toString().replace("-", ""));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** @return the schema name */
    String name() {
        return name;
    }

    /** @return the test URL with {@code currentSchema} pointing at this schema */
    String url() {
        String base = baseUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    /** Creates a backend through the factory, as the kernel would. */
    static StorageBackend factoryBackend(String url, Map<String, String> more) throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        Map<String, String> values = new java.util.HashMap<>(more);
        values.put("url", url);
        Path data = Files.createTempDirectory("quire-pg-test");
        return factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), values),
                              TestingPluginContext.of(data, "jdbc"));
    }
}
