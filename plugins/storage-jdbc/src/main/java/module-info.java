/**
 * The JDBC storage plugin: {@link quire.spi.storage.StorageBackend} over helidon-dbclient with an
 * embedded SQLite default (a WAL file under the data directory) and PostgreSQL for scale-out.
 * Connections come from HikariCP; schema migrations are versioned SQL resources applied at start.
 *
 * <p>Provides the storage factory with id {@code jdbc}; exports nothing.
 */
module quire.plugin.storage.jdbc {
    requires quire.spi;
    requires java.sql;
    requires io.helidon.dbclient;
    requires io.helidon.dbclient.jdbc;
    requires com.zaxxer.hikari;
    requires org.xerial.sqlitejdbc;
    requires org.postgresql.jdbc;

    provides quire.spi.storage.StorageBackendFactory with quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
}
