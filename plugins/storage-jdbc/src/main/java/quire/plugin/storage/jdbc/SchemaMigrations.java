package quire.plugin.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import quire.spi.PluginException;

/**
 * Ordered, versioned schema migrations: SQL resources {@code db/<dialect>/V<n>__<name>.sql} next
 * to this class, listed in {@link #SCRIPTS}. Pending scripts run in one transaction (DDL is
 * transactional on both databases) and each is recorded in {@code schema_version}; a database
 * newer than this code is refused.
 */
final class SchemaMigrations {
    /** Every migration, in order; the same names exist for each dialect. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__settings.sql", "V3__chats_usage_model_configs.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");

    private final DbClient client;
    private final Dialect dialect;

    SchemaMigrations(DbClient client, Dialect dialect) {
        this.client = client;
        this.dialect = dialect;
    }

    /** @return the newest schema version this code knows */
    static int latestVersion() {
        return version(SCRIPTS.getLast());
    }

    /** @return the schema version recorded in the database, 0 for an empty one */
    int currentVersion() {
        createVersionTable();
        return client.execute().get("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")
                .map(row -> ((Number) row.column("v").get()).intValue())
                .orElse(0);
    }

    /**
     * Applies pending migrations.
     *
     * @param apply false to only check that the schema is current
     * @return the schema version afterwards
     * @throws PluginException when the database is newer than the code, or behind it with {@code apply} off
     */
    int migrate(boolean apply) {
        createVersionTable();
        DbTransaction tx = client.transaction();
        try {
            if (dialect == Dialect.POSTGRESQL) {
                // Two nodes starting together: the second waits, then sees the work done.
                tx.dml("LOCK TABLE schema_version IN EXCLUSIVE MODE");
            }
            int current = tx.get("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")
                    .map(row -> ((Number) row.column("v").get()).intValue())
                    .orElse(0);
            int latest = latestVersion();
            if (current > latest) {
                throw new PluginException("the database schema is version " + current
                        + " but this Quire supports up to version " + latest
                        + ": it was written by a newer Quire; upgrade Quire or use another database");
            }
            if (current < latest && !apply) {
                throw new PluginException("the database schema is version " + current + ", this Quire needs "
                        + latest + " and migrations are off (storage migrate=false)");
            }
            for (String script : SCRIPTS) {
                int version = version(script);
                if (version <= current) {
                    continue;
                }
                for (String statement : statements(read(script))) {
                    tx.dml(statement);
                }
                tx.dml("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                       version, description(script), Instant.now().toString());
            }
            tx.commit();
            return latest;
        } catch (RuntimeException e) {
            rollbackQuietly(tx, e);
            throw e;
        }
    }

    private void createVersionTable() {
        client.execute().dml("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }

    private String read(String script) {
        String resource = "db/" + dialect.id() + "/" + script;
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script on lines ending with ';' and drops {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int version(String script) {
        return Integer.parseInt(matcher(script).group(1));
    }

    private static String description(String script) {
        return matcher(script).group(2).replace('_', ' ');
    }

    private static Matcher matcher(String script) {
        Matcher matcher = NAME.matcher(script);
        if (!matcher.matches()) {
            throw new IllegalStateException("bad migration name " + script);
        }
        return matcher;
    }

    static void rollbackQuietly(DbTransaction tx, Throwable cause) {
        try {
            tx.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
