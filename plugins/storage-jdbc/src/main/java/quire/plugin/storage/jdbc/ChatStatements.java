package quire.plugin.storage.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.helidon.dbclient.DbRow;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChatRecord;

/**
 * The {@code chats} table (schema v3): conversations whose history is a JSON array appended to
 * in one transaction (the row is locked on PostgreSQL; SQLite writes are exclusive).
 */
final class ChatStatements {
    private static final String COLUMNS = "id, owner_id, app_id, title, history, created_at, updated_at";

    private final JdbcStorageBackend backend;

    ChatStatements(JdbcStorageBackend backend) {
        this.backend = backend;
    }

    boolean append(AccessScope scope, String chatId, List<String> messagesJson, String title, Instant at) {
        for (String message : messagesJson) {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("a chat message must be a JSON object");
            }
        }
        Dialect dialect = backend.dialect();
        Object time = dialect.timestamp(at);
        return backend.inTransaction(tx -> {
            // a new conversation belongs to the caller; an existing one of another scope stays untouched
            tx.insert("INSERT INTO chats (" + COLUMNS + ") VALUES (?, ?, ?, ?, " + dialect.json() + ", ?, ?) "
                            + "ON CONFLICT (id) DO NOTHING",
                    chatId, scope.ownerId(), scope.appId(), title, "[]", time, time);
            SqlBuilder read = new SqlBuilder("SELECT history FROM chats");
            ScopeClause.of(scope, null).appendTo(read);
            read.and("id = ?", chatId).append(dialect.lockRow());
            Optional<String> history = tx.get(read.sql(), read.parameters()).map(row -> Rows.text(row, "history"));
            if (history.isEmpty()) {
                return false;
            }
            SqlBuilder update = new SqlBuilder("UPDATE chats SET history = " + dialect.json()
                    + ", title = COALESCE(title, ?), updated_at = ?", appended(history.get(), messagesJson), title, time);
            ScopeClause.of(scope, null).appendTo(update);
            update.and("id = ?", chatId);
            tx.update(update.sql(), update.parameters());
            return true;
        });
    }

    /** Appends object texts to a JSON array text without parsing its elements. */
    static String appended(String arrayJson, List<String> messagesJson) {
        if (messagesJson.isEmpty()) {
            return arrayJson;
        }
        String array = arrayJson.strip();
        int close = array.lastIndexOf(']');
        if (!array.startsWith("[") || close < 0) {
            throw new IllegalStateException("stored chat history is not a JSON array");
        }
        String elements = array.substring(1, close).strip();
        String added = String.join(",", messagesJson);
        return "[" + (elements.isEmpty() ? added : elements + "," + added) + "]";
    }

    Optional<ChatRecord> find(AccessScope scope, String chatId) {
        SqlBuilder sql = new SqlBuilder("SELECT " + COLUMNS + " FROM chats");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", chatId);
        return backend.client().execute().get(sql.sql(), sql.parameters()).map(ChatStatements::chat);
    }

    List<ChatRecord> list(AccessScope scope, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        SqlBuilder sql = new SqlBuilder("SELECT " + COLUMNS + " FROM chats");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.append(" ORDER BY updated_at DESC, id DESC LIMIT ?", limit);
        return JdbcStorageBackend.query(backend.client().execute(), sql, ChatStatements::chat);
    }

    boolean updateTitle(AccessScope scope, String chatId, String title, Instant at) {
        SqlBuilder sql = new SqlBuilder("UPDATE chats SET title = ?, updated_at = ?", title,
                backend.dialect().timestamp(at));
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", chatId);
        return backend.write(exec -> exec.update(sql.sql(), sql.parameters())) > 0;
    }

    private static ChatRecord chat(DbRow row) {
        return new ChatRecord(Rows.text(row, "id"), Rows.text(row, "owner_id"), Rows.text(row, "app_id"),
                Rows.text(row, "title"), Rows.text(row, "history"), Dialect.instant(Rows.raw(row, "created_at")),
                Dialect.instant(Rows.raw(row, "updated_at")));
    }
}
