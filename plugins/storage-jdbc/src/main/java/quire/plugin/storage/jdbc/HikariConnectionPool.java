package quire.plugin.storage.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * helidon-dbclient's connection pool SPI over HikariCP (helidon-dbclient-hikari is not published
 * for this Helidon release). Hikari gets a ready {@link DataSource} instead of a driver class name,
 * so no {@link java.sql.DriverManager} or class-loader lookup happens: this works the same on the
 * class path, the module path and inside a plugin {@link ModuleLayer}.
 */
final class HikariConnectionPool implements JdbcConnectionPool, AutoCloseable {
    /** How long SQLite waits for another process's write lock before failing with SQLITE_BUSY. */
    static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(30);

    private final Dialect dialect;
    private final HikariDataSource dataSource;

    HikariConnectionPool(Dialect dialect, String url, String username, String password, int poolSize) {
        this.dialect = dialect;
        HikariConfig config = new HikariConfig();
        config.setPoolName("quire-storage-" + dialect.id());
        config.setDataSource(dataSource(dialect, url, username, password));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setAutoCommit(true);
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        this.dataSource = new HikariDataSource(config);
    }

    private static DataSource dataSource(Dialect dialect, String url, String username, String password) {
        return switch (dialect) {
            case SQLITE -> {
                SQLiteConfig config = new SQLiteConfig();
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                // FULL: a commit is durable once it returns, even across power loss.
                config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                config.setBusyTimeout((int) SQLITE_BUSY_TIMEOUT.toMillis());
                config.enforceForeignKeys(true);
                // Every transaction takes the write lock up front (BEGIN IMMEDIATE): no lock
                // upgrade deadlocks, and a claim's read-then-update is exclusive across processes.
                config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
                // every connection gets the functions compiled metadata filters call
                SQLiteDataSource source = new SqliteFunctionsDataSource(config);
                source.setUrl(url);
                yield source;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource source = new PGSimpleDataSource();
                source.setURL(url);
                if (username != null && !username.isBlank()) {
                    source.setUser(username);
                }
                if (password != null && !password.isEmpty()) {
                    source.setPassword(password);
                }
                yield source;
            }
        };
    }

    /** @return the default SQLite URL for a file */
    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("cannot get a " + dialect.id() + " connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String dbType() {
        return dialect.id();
    }

    @Override
    public String name() {
        return "quire-storage";
    }

    @Override
    public String type() {
        return "hikari";
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
