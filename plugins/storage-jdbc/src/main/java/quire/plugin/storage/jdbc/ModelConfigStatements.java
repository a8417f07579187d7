package quire.plugin.storage.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbRow;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ModelConfigRecord;

/** The {@code model_configs} table (schema v3): per-(user, app) provider settings and saved models. */
final class ModelConfigStatements {
    private static final String COLUMNS = "id, owner_id, app_id, provider, config_data, created_at, updated_at";

    private final JdbcStorageBackend backend;

    ModelConfigStatements(JdbcStorageBackend backend) {
        this.backend = backend;
    }

    void insert(ModelConfigRecord c) {
        Dialect dialect = backend.dialect();
        backend.write(exec -> exec.insert("INSERT INTO model_configs (" + COLUMNS + ") VALUES (?, ?, ?, ?, "
                        + dialect.json() + ", ?, ?)", c.id(), c.ownerId(), c.appId(), c.provider(), c.configDataJson(),
                dialect.timestamp(c.createdAt()), dialect.timestamp(c.updatedAt())));
    }

    Optional<ModelConfigRecord> find(AccessScope scope, String id) {
        SqlBuilder sql = new SqlBuilder("SELECT " + COLUMNS + " FROM model_configs");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", id);
        return backend.client().execute().get(sql.sql(), sql.parameters()).map(ModelConfigStatements::config);
    }

    List<ModelConfigRecord> list(AccessScope scope, String provider) {
        SqlBuilder sql = new SqlBuilder("SELECT " + COLUMNS + " FROM model_configs");
        ScopeClause.of(scope, null).appendTo(sql);
        if (provider != null) {
            sql.and("provider = ?", provider);
        }
        sql.append(" ORDER BY created_at, id");
        return JdbcStorageBackend.query(backend.client().execute(), sql, ModelConfigStatements::config);
    }

    boolean update(AccessScope scope, String id, String configDataJson, Instant updatedAt, Instant expectedUpdatedAt) {
        Dialect dialect = backend.dialect();
        SqlBuilder sql = new SqlBuilder("UPDATE model_configs SET config_data = " + dialect.json() + ", updated_at = ?",
                configDataJson == null || configDataJson.isBlank() ? "{}" : configDataJson,
                dialect.timestamp(updatedAt));
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", id);
        if (expectedUpdatedAt != null) {
            sql.and("updated_at = ?", dialect.timestamp(expectedUpdatedAt));
        }
        return backend.write(exec -> exec.update(sql.sql(), sql.parameters())) > 0;
    }

    boolean delete(AccessScope scope, String id) {
        SqlBuilder sql = new SqlBuilder("DELETE FROM model_configs");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", id);
        return backend.write(exec -> exec.delete(sql.sql(), sql.parameters())) > 0;
    }

    private static ModelConfigRecord config(DbRow row) {
        return new ModelConfigRecord(Rows.text(row, "id"), Rows.text(row, "owner_id"), Rows.text(row, "app_id"),
                Rows.text(row, "provider"), Rows.text(row, "config_data"),
                Dialect.instant(Rows.raw(row, "created_at")), Dialect.instant(Rows.raw(row, "updated_at")));
    }
}
