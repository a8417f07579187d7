package quire.plugin.storage.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.dbclient.DbRow;
import quire.spi.storage.AccessScope;
import quire.spi.storage.StorageUsage;
import quire.spi.storage.UsageQuery;
import quire.spi.storage.UsageRecord;

/**
 * The {@code usage_records} table (schema v3), whose {@code owner_id} is the record's user id so
 * the one scope rule applies, and the storage totals of a scope.
 */
final class UsageStatements {
    private static final String COLUMNS = "id, occurred_at, operation_type, tokens_used, owner_id, app_id, "
            + "duration_ms, status, metadata, error";
    private static final int INSERT_BATCH = 100;

    private final JdbcStorageBackend backend;

    UsageStatements(JdbcStorageBackend backend) {
        this.backend = backend;
    }

    void insert(List<UsageRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Dialect dialect = backend.dialect();
        backend.inTransaction(tx -> {
            for (int from = 0; from < records.size(); from += INSERT_BATCH) {
                List<UsageRecord> batch = records.subList(from, Math.min(records.size(), from + INSERT_BATCH));
                SqlBuilder sql = new SqlBuilder("INSERT INTO usage_records (" + COLUMNS + ") VALUES ");
                for (int i = 0; i < batch.size(); i++) {
                    UsageRecord r = batch.get(i);
                    sql.append((i == 0 ? "" : ", ") + "(?, ?, ?, ?, ?, ?, ?, ?, " + dialect.json() + ", ?)",
                            r.id(), dialect.timestamp(r.timestamp()), r.operationType(), r.tokensUsed(), r.userId(),
                            r.appId(), r.durationMs(), r.status(), r.metadataJson(), r.error());
                }
                tx.insert(sql.sql(), sql.parameters());
            }
            return null;
        });
    }

    List<UsageRecord> list(AccessScope scope, UsageQuery query) {
        SqlBuilder sql = new SqlBuilder("SELECT " + COLUMNS + " FROM usage_records");
        narrow(sql, scope, query);
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?", query.limit());
        return JdbcStorageBackend.query(backend.client().execute(), sql, UsageStatements::usage);
    }

    Map<String, Long> tokensByOperation(AccessScope scope, UsageQuery query) {
        SqlBuilder sql = new SqlBuilder("SELECT operation_type, COALESCE(SUM(tokens_used), 0) AS tokens "
                + "FROM usage_records");
        narrow(sql, scope, query);
        sql.append(" GROUP BY operation_type ORDER BY operation_type");
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : JdbcStorageBackend.query(backend.client().execute(), sql,
                row -> Map.entry(Rows.text(row, "operation_type"), Rows.longValue(row, "tokens")))) {
            totals.put(e.getKey(), e.getValue());
        }
        return totals;
    }

    private void narrow(SqlBuilder sql, AccessScope scope, UsageQuery query) {
        ScopeClause.of(scope, null).appendTo(sql);
        if (query.operationType() != null) {
            sql.and("operation_type = ?", query.operationType());
        }
        if (query.status() != null) {
            sql.and("status = ?", query.status());
        }
        if (query.since() != null) {
            sql.and("occurred_at >= ?", backend.dialect().timestamp(query.since()));
        }
    }

    StorageUsage storageUsage(AccessScope scope) {
        Dialect dialect = backend.dialect();
        // storage_info.size is written by ingestion as a numeric string; anything else counts 0
        String size = dialect == Dialect.POSTGRESQL
                ? "CASE WHEN storage_info->>'size' ~ '^[0-9]{1,18}$' THEN CAST(storage_info->>'size' AS BIGINT) ELSE 0 END"
                : "CASE WHEN CAST(json_extract(storage_info, '$.size') AS TEXT) GLOB '[0-9]*' AND NOT "
                        + "CAST(json_extract(storage_info, '$.size') AS TEXT) GLOB '*[^0-9]*' "
                        + "THEN CAST(json_extract(storage_info, '$.size') AS INTEGER) ELSE 0 END";
        SqlBuilder documents = new SqlBuilder("SELECT COUNT(*) AS n, COALESCE(SUM(" + size + "), 0) AS bytes "
                + "FROM documents");
        ScopeClause.of(scope, null).appendTo(documents);
        String length = dialect == Dialect.POSTGRESQL ? "octet_length(content)" : "length(CAST(content AS BLOB))";
        SqlBuilder chunks = new SqlBuilder("SELECT COALESCE(SUM(" + length + "), 0) AS bytes FROM chunks");
        ScopeClause.of(scope, null).appendTo(chunks);
        var exec = backend.client().execute();
        long[] docs = exec.get(documents.sql(), documents.parameters())
                .map(row -> new long[] {Rows.longValue(row, "n"), Rows.longValue(row, "bytes")})
                .orElse(new long[2]);
        long chunkBytes = exec.get(chunks.sql(), chunks.parameters())
                .map(row -> Rows.longValue(row, "bytes")).orElse(0L);
        return new StorageUsage(docs[0], docs[1], chunkBytes);
    }

    private static UsageRecord usage(DbRow row) {
        return new UsageRecord(Rows.text(row, "id"), Dialect.instant(Rows.raw(row, "occurred_at")),
                Rows.text(row, "operation_type"), Rows.longValue(row, "tokens_used"), Rows.text(row, "owner_id"),
                Rows.text(row, "app_id"), ((Number) Rows.raw(row, "duration_ms")).doubleValue(),
                Rows.text(row, "status"), Rows.text(row, "metadata"), Rows.text(row, "error"));
    }
}
