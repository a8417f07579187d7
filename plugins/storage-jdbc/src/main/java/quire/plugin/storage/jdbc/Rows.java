package quire.plugin.storage.jdbc;

import io.helidon.dbclient.DbRow;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;
import quire.spi.storage.JobRecord;

/**
 * Maps rows to records. Values are read raw ({@code DbColumn.get()}) and converted here, so no
 * helidon mapper lookup (and no service loading) happens per row.
 */
final class Rows {
    static final String DOCUMENT_COLUMNS = "id, owner_id, app_id, end_user_id, folder_id, folder_path, filename, "
            + "content_type, status, metadata, metadata_types, system_metadata, storage_info, additional_metadata, "
            + "chunk_ids, created_at, updated_at";
    static final String CHUNK_COLUMNS = "seq, document_id, chunk_number, content, metadata";
    static final String FOLDER_COLUMNS = "id, owner_id, app_id, end_user_id, name, full_path, parent_id, depth, "
            + "description, system_metadata, created_at, updated_at";
    static final String JOB_COLUMNS = "id, document_id, kind, state, attempts, run_after, worker_id, lease_until, "
            + "payload, last_error, created_at";

    private Rows() {
    }

    static DocumentRecord document(DbRow row) {
        return new DocumentRecord(text(row, "id"), text(row, "owner_id"), text(row, "app_id"),
                text(row, "end_user_id"), text(row, "folder_id"), text(row, "folder_path"), text(row, "filename"),
                text(row, "content_type"), text(row, "status"), text(row, "metadata"), text(row, "metadata_types"),
                text(row, "system_metadata"), text(row, "storage_info"), text(row, "additional_metadata"),
                JsonStrings.decode(text(row, "chunk_ids")),
                Dialect.instant(raw(row, "created_at")), Dialect.instant(raw(row, "updated_at")));
    }

    /** Reads a chunk; the embedding only when the query selected the {@code embedding} column. */
    static ChunkRecord chunk(DbRow row, boolean withEmbedding) {
        float[] embedding = withEmbedding ? Embeddings.fromBytes((byte[]) raw(row, "embedding")) : null;
        return new ChunkRecord(text(row, "document_id"), integer(row, "chunk_number"), text(row, "content"),
                text(row, "metadata"), embedding, longValue(row, "seq"));
    }

    static FolderRecord folder(DbRow row) {
        return new FolderRecord(text(row, "id"), text(row, "owner_id"), text(row, "app_id"), text(row, "end_user_id"),
                text(row, "name"), text(row, "full_path"), text(row, "parent_id"), integer(row, "depth"),
                text(row, "description"), text(row, "system_metadata"),
                Dialect.instant(raw(row, "created_at")), Dialect.instant(raw(row, "updated_at")));
    }

    static JobRecord job(DbRow row) {
        return new JobRecord(text(row, "id"), text(row, "document_id"), text(row, "kind"), text(row, "state"),
                integer(row, "attempts"), Dialect.instant(raw(row, "run_after")), text(row, "worker_id"),
                Dialect.instant(raw(row, "lease_until")), text(row, "payload"), text(row, "last_error"),
                Dialect.instant(raw(row, "created_at")));
    }

    /** Text, also from PostgreSQL {@code jsonb} columns (a driver object whose {@code toString} is the JSON). */
    static String text(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? null : value.toString();
    }

    /** @return the column's raw driver value, null for SQL NULL ({@code DbColumn.get()} throws on NULL) */
    static Object raw(DbRow row, String column) {
        return row.column(column).asOptional().orElse(null);
    }

    static int integer(DbRow row, String column) {
        return ((Number) raw(row, column)).intValue();
    }

    static long longValue(DbRow row, String column) {
        Object value = raw(row, column);
        return value == null ? 0L : ((Number) value).longValue();
    }
}
