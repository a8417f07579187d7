package quire.apitests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL schema on the server named by {@code QUIRE_TEST_PG_URL}; the test is
 * skipped with a visible message when that variable is unset. Closing drops the schema.
 */
public final class PostgresSchema implements AutoCloseable {
    private final String base;
    private final String schema;

    private PostgresSchema(String base, String schema) {
        this.base = base;
        this.schema = schema;
    }

    /** Creates a fresh schema, or skips the calling test when PostgreSQL is not configured. */
    public static PostgresSchema createOrSkip() throws SQLException {
        String base = System.getenv("QUIRE_TEST_PG_URL");
        Assumptions.assumeTrue(base != null && !base.isBlank(), "QUIRE_TEST_PG_URL not set: skipping PostgreSQL");
        String schema = "quire_it_" + UUID.randomUUID().toString().replace("-", "");
        execute(base, "CREATE SCHEMA " + schema);
        return new PostgresSchema(base, schema);
    }

    /** @return the JDBC URL whose default schema is this one (for {@code quire.storage.jdbc.url}) */
    public String url() {
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() throws SQLException {
        execute(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
