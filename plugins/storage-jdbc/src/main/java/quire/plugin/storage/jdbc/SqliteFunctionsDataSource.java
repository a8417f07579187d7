package quire.plugin.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * A SQLite data source whose every new connection carries {@link SqliteFilterFunctions}, so a pooled
 * connection can always run a compiled metadata filter.
 */
final class SqliteFunctionsDataSource extends SQLiteDataSource {
    private static final long serialVersionUID = 1L;

    SqliteFunctionsDataSource(SQLiteConfig config) {
        super(config);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(null, null);
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        SQLiteConnection connection = super.getConnection(username, password);
        try {
            SqliteFilterFunctions.register(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
