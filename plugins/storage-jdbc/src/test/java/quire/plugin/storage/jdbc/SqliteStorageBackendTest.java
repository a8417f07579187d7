package quire.plugin.storage.jdbc;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.BaseStorageBackendTest;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** The storage contract on the embedded default: a SQLite file under a fresh data directory. */
class SqliteStorageBackendTest extends BaseStorageBackendTest {
    @TempDir
    Path dataDirectory;

    @Override
    protected StorageBackend createBackend() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        // empty url: the factory's default, <data-dir>/quire.db
        return factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                              TestingPluginContext.of(dataDirectory, "jdbc"));
    }
}
