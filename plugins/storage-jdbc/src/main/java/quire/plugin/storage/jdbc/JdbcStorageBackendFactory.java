package quire.plugin.storage.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.PluginException;
import quire.spi.SpiVersion;
import quire.spi.storage.StorageBackend;
import quire.spi.storage.StorageBackendFactory;

/**
 * Factory of the {@code jdbc} storage. The dialect follows the URL: {@code jdbc:sqlite:} or
 * {@code jdbc:postgresql:}; an empty URL means the embedded default, the SQLite file
 * {@code <data-dir>/quire.db}.
 */
public final class JdbcStorageBackendFactory implements StorageBackendFactory {
    /** The factory id. */
    public static final String ID = "jdbc";
    /** The default database file name under the server's data directory. */
    public static final String DEFAULT_FILE = "quire.db";

    /** Creates the factory (ServiceLoader). */
    public JdbcStorageBackendFactory() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Documents, chunks, folders and jobs in SQLite (embedded default) or PostgreSQL";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                ConfigProperty.optional("url", ConfigType.STRING, "",
                        "JDBC URL (jdbc:sqlite:... or jdbc:postgresql://...); empty = SQLite file <data-dir>/quire.db"),
                ConfigProperty.optional("pool-size", ConfigType.INT, "8",
                        "maximum database connections (SQLite: readers; writes are serialised)"),
                ConfigProperty.optional("username", ConfigType.STRING, null, "database user (PostgreSQL)"),
                ConfigProperty.secret("password", "database password (PostgreSQL)"),
                ConfigProperty.optional("migrate", ConfigType.BOOLEAN, "true",
                        "apply pending schema migrations at start; false = refuse to start on an older schema"));
    }

    @Override
    public StorageBackend create(PluginConfig config, PluginContext context) throws Exception {
        String url = config.string("url").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (url == null) {
            Path dataDirectory = context.serverDataDirectory();
            Files.createDirectories(dataDirectory);
            url = HikariConnectionPool.sqliteUrl(dataDirectory.resolve(DEFAULT_FILE));
        }
        int poolSize = config.keys().contains("pool-size") ? config.intValue("pool-size") : 8;
        if (poolSize < 1) {
            throw new PluginException(config.path() + ".pool-size must be at least 1, was " + poolSize);
        }
        boolean migrate = !config.keys().contains("migrate") || config.booleanValue("migrate");
        try {
            Dialect.fromUrl(url);
        } catch (IllegalArgumentException e) {
            throw new PluginException(config.path() + ".url: " + e.getMessage(), e);
        }
        JdbcStorageBackend backend = JdbcStorageBackend.open(url, config.string("username").orElse(null),
                config.string("password").orElse(null), poolSize, migrate);
        context.logger().log(System.Logger.Level.INFO, "storage: {0} at {1}, schema version {2}",
                backend.dialect().id(), backend.info().details().get("location"), backend.schemaVersion());
        return backend;
    }
}
