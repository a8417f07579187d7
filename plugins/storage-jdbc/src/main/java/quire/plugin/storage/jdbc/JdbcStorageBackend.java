package quire.plugin.storage.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcParametersConfig;
import quire.spi.ProviderInfo;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChatRecord;
import quire.spi.storage.ModelConfigRecord;
import quire.spi.storage.StorageUsage;
import quire.spi.storage.UsageQuery;
import quire.spi.storage.UsageRecord;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.ChunkStats;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;

/**
 * {@link StorageBackend} over helidon-dbclient, for SQLite and PostgreSQL.
 *
 * <p>Every scoped statement renders its scope through {@link ScopeClause}; every value is a bound
 * parameter. Multi-statement writes run in one transaction. On SQLite, write transactions of this
 * process are serialised by a lock (SQLite has one writer) and begin with {@code BEGIN IMMEDIATE},
 * which also makes them exclusive against other processes; on PostgreSQL, job claims use
 * {@code FOR UPDATE SKIP LOCKED}.
 *
 * <p>Settings live in the {@code settings} table (schema v2), one row per key. Chats, usage records
 * and model configurations (schema v3) are handled by {@link ChatStatements},
 * {@link UsageStatements} and {@link ModelConfigStatements}.
 *
 * <p>{@link DocumentQuery#filter()} is compiled to SQL per dialect by {@link FilterCompiler}
 * (bound parameters only).
 */
final class JdbcStorageBackend implements StorageBackend {
    static final String JOB_QUEUED = "queued";
    static final String JOB_RUNNING = "running";
    static final String JOB_FAILED = "failed";

    private static final int CHUNK_INSERT_BATCH = 50;
    private static final int CHUNK_SCAN_PAGE = 500;
    private static final int KEY_BATCH = 200;
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "created_at", "updated_at", "updated_at", "filename", "filename", "external_id", "id");

    private final Dialect dialect;
    private final HikariConnectionPool pool;
    private final DbClient client;
    private final int schemaVersion;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ProviderInfo info;
    private final ChatStatements chats = new ChatStatements(this);
    private final UsageStatements usage = new UsageStatements(this);
    private final ModelConfigStatements modelConfigs = new ModelConfigStatements(this);

    private JdbcStorageBackend(Dialect dialect, HikariConnectionPool pool, DbClient client, int schemaVersion,
                               String location) {
        this.dialect = dialect;
        this.pool = pool;
        this.client = client;
        this.schemaVersion = schemaVersion;
        this.info = new ProviderInfo(JdbcStorageBackendFactory.ID, Map.of(
                "dialect", dialect.id(), "schema-version", Integer.toString(schemaVersion), "location", location));
    }

    /**
     * Opens the pool, builds the client and brings the schema up to date.
     *
     * @param url      JDBC URL ({@code jdbc:sqlite:} or {@code jdbc:postgresql:})
     * @param username user or null
     * @param password password or null
     * @param poolSize maximum connections
     * @param migrate  false to refuse a schema that is behind instead of migrating it
     * @return the backend; the caller closes it
     */
    static JdbcStorageBackend open(String url, String username, String password, int poolSize, boolean migrate) {
        Dialect dialect = Dialect.fromUrl(url);
        HikariConnectionPool pool = new HikariConnectionPool(dialect, url, username, password, poolSize);
        try {
            DbClient client = buildClient(pool);
            JdbcStorageBackend backend;
            try {
                int version = new SchemaMigrations(client, dialect).migrate(migrate);
                backend = new JdbcStorageBackend(dialect, pool, client, version, describe(dialect, url));
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
            return backend;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * helidon builds its mapper managers with {@link java.util.ServiceLoader}, which looks at the
     * thread context class loader; inside a plugin {@link ModuleLayer} that loader may not see
     * helidon's modules, so the plugin's own loader is set for the duration of the build.
     */
    private static DbClient buildClient(HikariConnectionPool pool) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JdbcStorageBackend.class.getClassLoader());
        try {
            return JdbcClientBuilder.create()
                    .connectionPool(pool)
                    // Plain setString/setBytes: large values are bound as is, never as streams.
                    .parametersSetter(JdbcParametersConfig.builder()
                                              .useStringBinding(false)
                                              .useByteArrayBinding(false)
                                              .build())
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String describe(Dialect dialect, String url) {
        if (dialect == Dialect.SQLITE) {
            return url.substring("jdbc:sqlite:".length());
        }
        // host/database only: a URL may carry a password parameter
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    Dialect dialect() {
        return dialect;
    }

    /** @return the client, for reads by the statement classes of this package */
    DbClient client() {
        return client;
    }

    @Override
    public ProviderInfo info() {
        return info;
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public boolean ping() {
        try {
            return client.execute().get("SELECT 1 AS one").isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            pool.close();
        }
    }

    // ---- documents -------------------------------------------------------------------

    @Override
    public void insertDocument(DocumentRecord d) {
        String j = dialect.json();
        write(exec -> exec.insert("INSERT INTO documents (" + Rows.DOCUMENT_COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, " + j + ", " + j + ", " + j + ", " + j + ", " + j + ", " + j + ", ?, ?)",
                d.id(), d.ownerId(), d.appId(), d.endUserId(), d.folderId(), d.folderPath(), d.filename(),
                d.contentType(), d.status(), d.metadataJson(), d.metadataTypesJson(), d.systemMetadataJson(),
                d.storageInfoJson(), d.additionalMetadataJson(), JsonStrings.encode(d.chunkIds()),
                dialect.timestamp(d.createdAt()), dialect.timestamp(d.updatedAt())));
    }

    @Override
    public Optional<DocumentRecord> findDocument(AccessScope scope, String documentId) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.DOCUMENT_COLUMNS + " FROM documents");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", documentId);
        return client.execute().get(sql.sql(), sql.parameters()).map(Rows::document);
    }

    @Override
    public List<DocumentRecord> findDocuments(AccessScope scope, Collection<String> documentIds) {
        List<DocumentRecord> found = new ArrayList<>();
        List<String> ids = List.copyOf(documentIds);
        for (int from = 0; from < ids.size(); from += KEY_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + KEY_BATCH));
            found.addAll(query(client.execute(), findDocumentsSql(dialect, scope, batch), Rows::document));
        }
        return found;
    }

    /** The lookup of documents by id (package-private: its query plan is tested). */
    static SqlBuilder findDocumentsSql(Dialect dialect, AccessScope scope, List<String> ids) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.DOCUMENT_COLUMNS + " FROM documents");
        ScopeClause.of(scope, null).forKeyLookup(dialect).appendTo(sql);
        return sql.and("id IN (" + placeholders(ids.size()) + ")", ids.toArray());
    }

    @Override
    public Optional<DocumentRecord> findDocumentByFilename(AccessScope scope, String filename, DocumentQuery narrowing) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.DOCUMENT_COLUMNS + " FROM documents");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("filename = ?", filename);
        if (narrowing != null) {
            narrow(sql, narrowing);
        }
        sql.append(" ORDER BY updated_at DESC, id DESC LIMIT 1");
        return client.execute().get(sql.sql(), sql.parameters()).map(Rows::document);
    }

    @Override
    public List<String> listDocumentIds(AccessScope scope, DocumentQuery query) {
        return listDocumentColumns(scope, query, "id", row -> row.column("id").getString());
    }

    @Override
    public List<DocumentRecord> listDocuments(AccessScope scope, DocumentQuery query) {
        return listDocumentColumns(scope, query, Rows.DOCUMENT_COLUMNS, Rows::document);
    }

    private <T> List<T> listDocumentColumns(AccessScope scope, DocumentQuery query, String columns,
                                            java.util.function.Function<DbRow, T> mapper) {
        if (query.limit() <= 0) {
            narrow(new SqlBuilder(""), query); // still reject what this backend cannot do
            return List.of();
        }
        String column = SORT_COLUMNS.get(query.sortBy());
        if (column == null) {
            throw new IllegalArgumentException("cannot sort documents by " + query.sortBy()
                    + "; use one of created_at, updated_at, filename, external_id");
        }
        SqlBuilder sql = new SqlBuilder("SELECT " + columns + " FROM documents");
        ScopeClause.of(scope, null).appendTo(sql);
        narrow(sql, query);
        String direction = query.descending() ? " DESC" : " ASC";
        // NULLS LAST in both dialects so paging agrees; id breaks ties so pages never overlap.
        sql.append(" ORDER BY " + column + direction + " NULLS LAST, id" + direction);
        sql.append(" LIMIT ? OFFSET ?", query.limit(), Math.max(0, query.skip()));
        return query(client.execute(), sql, mapper);
    }

    @Override
    public long countDocuments(AccessScope scope, DocumentQuery query) {
        SqlBuilder sql = new SqlBuilder("SELECT COUNT(*) AS n FROM documents");
        ScopeClause.of(scope, null).appendTo(sql);
        narrow(sql, query);
        return client.execute().get(sql.sql(), sql.parameters())
                .map(row -> Rows.longValue(row, "n")).orElse(0L);
    }

    /** Appends the client-chosen narrowing of a query (never the scope). */
    private void narrow(SqlBuilder sql, DocumentQuery query) {
        FilterCompiler.appendTo(sql, dialect, query.filter());
        if (query.endUserId() != null) {
            sql.and("end_user_id = ?", query.endUserId());
        }
        if (query.folderPaths() != null) {
            List<String> alternatives = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (String path : query.folderPaths()) {
                if (path == null) {
                    alternatives.add("folder_path IS NULL");
                } else if (query.includeSubfolders()) {
                    alternatives.add("folder_path = ? OR folder_path LIKE ? ESCAPE '\\'");
                    values.add(path);
                    values.add(likeEscape(path.endsWith("/") ? path : path + "/") + "%");
                } else {
                    alternatives.add("folder_path = ?");
                    values.add(path);
                }
            }
            sql.and(alternatives.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", alternatives) + ")", values.toArray());
        }
        if (query.filenameContains() != null) {
            sql.and("LOWER(filename) LIKE ? ESCAPE '\\'",
                    "%" + likeEscape(query.filenameContains().toLowerCase(Locale.ROOT)) + "%");
        }
        if (query.status() != null) {
            sql.and("status = ?", query.status());
        }
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public boolean updateDocument(AccessScope scope, DocumentRecord d) {
        return updateDocument(scope, d, null);
    }

    @Override
    public boolean updateDocumentIfUnchanged(AccessScope scope, DocumentRecord d, Instant expectedUpdatedAt) {
        return updateDocument(scope, d, java.util.Objects.requireNonNull(expectedUpdatedAt, "expectedUpdatedAt"));
    }

    /** @param expectedUpdatedAt when not null, the update applies only while the row still has it */
    private boolean updateDocument(AccessScope scope, DocumentRecord d, Instant expectedUpdatedAt) {
        return inTransaction(tx -> {
            SqlBuilder sql = documentUpdate(d, scope, expectedUpdatedAt);
            if (tx.update(sql.sql(), sql.parameters()) == 0) {
                return false;
            }
            syncDependentScope(tx, d);
            return true;
        });
    }

    /**
     * The UPDATE that writes a whole document row.
     *
     * @param scope             when not null, the row must be visible in it
     * @param expectedUpdatedAt when not null, the row must still have it (compare-and-set)
     */
    private SqlBuilder documentUpdate(DocumentRecord d, AccessScope scope, Instant expectedUpdatedAt) {
        String j = dialect.json();
        SqlBuilder sql = new SqlBuilder("UPDATE documents SET end_user_id = ?, folder_id = ?, folder_path = ?, "
                + "filename = ?, content_type = ?, status = ?, metadata = " + j + ", metadata_types = " + j
                + ", system_metadata = " + j + ", storage_info = " + j + ", additional_metadata = " + j
                + ", chunk_ids = " + j + ", updated_at = ?",
                d.endUserId(), d.folderId(), d.folderPath(), d.filename(), d.contentType(), d.status(),
                d.metadataJson(), d.metadataTypesJson(), d.systemMetadataJson(), d.storageInfoJson(),
                d.additionalMetadataJson(), JsonStrings.encode(d.chunkIds()), dialect.timestamp(d.updatedAt()));
        if (scope != null) {
            ScopeClause.of(scope, null).appendTo(sql);
        }
        sql.and("id = ?", d.id());
        if (expectedUpdatedAt != null) {
            sql.and("updated_at = ?", dialect.timestamp(expectedUpdatedAt));
        }
        return sql;
    }

    /** Chunks and jobs carry copies of the document's narrowing columns; keep them equal. */
    private static void syncDependentScope(DbExecute exec, DocumentRecord d) {
        for (String table : List.of("chunks", "jobs")) {
            exec.update("UPDATE " + table + " SET end_user_id = ?, folder_path = ? WHERE document_id = ? "
                                + "AND (end_user_id IS DISTINCT FROM ? OR folder_path IS DISTINCT FROM ?)",
                        d.endUserId(), d.folderPath(), d.id(), d.endUserId(), d.folderPath());
        }
    }

    @Override
    public boolean deleteDocument(AccessScope scope, String documentId) {
        return inTransaction(tx -> {
            SqlBuilder sql = new SqlBuilder("DELETE FROM documents");
            ScopeClause.of(scope, null).appendTo(sql);
            sql.and("id = ?", documentId);
            if (tx.delete(sql.sql(), sql.parameters()) == 0) {
                return false;
            }
            // The foreign keys cascade too; deleting explicitly does not depend on that pragma.
            tx.delete("DELETE FROM chunks WHERE document_id = ?", documentId);
            tx.delete("DELETE FROM jobs WHERE document_id = ?", documentId);
            return true;
        });
    }

    // ---- chunks ----------------------------------------------------------------------

    @Override
    public boolean replaceChunksAndUpdate(DocumentRecord d, List<ChunkRecord> chunks) {
        return replaceChunksAndUpdate(null, d, chunks, null, null);
    }

    @Override
    public boolean replaceChunksAndUpdateIfUnchanged(AccessScope scope, DocumentRecord d, List<ChunkRecord> chunks,
                                                     Instant expectedUpdatedAt) {
        return replaceChunksAndUpdate(java.util.Objects.requireNonNull(scope, "scope"), d, chunks,
                java.util.Objects.requireNonNull(expectedUpdatedAt, "expectedUpdatedAt"), null);
    }

    @Override
    public boolean replaceChunksAndCompleteJob(AccessScope scope, DocumentRecord d, List<ChunkRecord> chunks,
                                               Instant expectedUpdatedAt, String jobId) {
        return replaceChunksAndUpdate(java.util.Objects.requireNonNull(scope, "scope"), d, chunks,
                java.util.Objects.requireNonNull(expectedUpdatedAt, "expectedUpdatedAt"),
                java.util.Objects.requireNonNull(jobId, "jobId"));
    }

    /**
     * @param scope when not null, with {@code expectedUpdatedAt}: the compare-and-set variant
     * @param jobId when not null: the job deleted in the same transaction
     */
    private boolean replaceChunksAndUpdate(AccessScope scope, DocumentRecord d, List<ChunkRecord> chunks,
                                           Instant expectedUpdatedAt, String jobId) {
        for (ChunkRecord chunk : chunks) {
            if (!d.id().equals(chunk.documentId())) {
                throw new IllegalArgumentException("chunk " + chunk.chunkNumber() + " belongs to another document");
            }
        }
        return inTransaction(tx -> {
            String j = dialect.json();
            SqlBuilder update = documentUpdate(d, scope, expectedUpdatedAt);
            if (tx.update(update.sql(), update.parameters()) == 0) {
                return false;
            }
            syncDependentScope(tx, d);
            DbRow owner = tx.get("SELECT owner_id, app_id, end_user_id, folder_path FROM documents WHERE id = ?", d.id())
                    .orElseThrow();
            tx.delete("DELETE FROM chunks WHERE document_id = ?", d.id());
            for (int from = 0; from < chunks.size(); from += CHUNK_INSERT_BATCH) {
                List<ChunkRecord> batch = chunks.subList(from, Math.min(chunks.size(), from + CHUNK_INSERT_BATCH));
                SqlBuilder sql = new SqlBuilder("INSERT INTO chunks (document_id, chunk_number, owner_id, app_id, "
                        + "end_user_id, folder_path, content, metadata, embedding) VALUES ");
                for (int i = 0; i < batch.size(); i++) {
                    ChunkRecord c = batch.get(i);
                    sql.append(i == 0 ? "" : ", ");
                    sql.append("(?, ?, ?, ?, ?, ?, ?, " + j + ", ?)", d.id(), c.chunkNumber(),
                               Rows.text(owner, "owner_id"), Rows.text(owner, "app_id"),
                               Rows.text(owner, "end_user_id"), Rows.text(owner, "folder_path"),
                               c.content(), c.metadataJson(), Embeddings.toBytes(c.embedding()));
                }
                tx.insert(sql.sql(), sql.parameters());
            }
            if (jobId != null) {
                tx.delete("DELETE FROM jobs WHERE id = ?", jobId);
            }
            return true;
        });
    }

    @Override
    public List<ChunkRecord> chunksOf(String documentId) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.CHUNK_COLUMNS + ", embedding FROM chunks")
                .and("document_id = ?", documentId)
                .append(" ORDER BY chunk_number");
        return query(client.execute(), sql, row -> Rows.chunk(row, true));
    }

    @Override
    public List<ChunkRecord> findChunks(AccessScope scope, Collection<ChunkKey> keys) {
        List<ChunkKey> all = List.copyOf(keys);
        List<ChunkRecord> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += KEY_BATCH) {
            List<ChunkKey> batch = all.subList(from, Math.min(all.size(), from + KEY_BATCH));
            found.addAll(query(client.execute(), findChunksSql(dialect, scope, batch), row -> Rows.chunk(row, true)));
        }
        return found;
    }

    /** The lookup of chunks by key (package-private: its query plan is tested). */
    static SqlBuilder findChunksSql(Dialect dialect, AccessScope scope, List<ChunkKey> keys) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.CHUNK_COLUMNS + ", embedding FROM chunks");
        ScopeClause.of(scope, null).forKeyLookup(dialect).appendTo(sql);
        List<String> alternatives = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (ChunkKey key : keys) {
            alternatives.add("(document_id = ? AND chunk_number = ?)");
            values.add(key.documentId());
            values.add(key.chunkNumber());
        }
        return sql.and("(" + String.join(" OR ", alternatives) + ")", values.toArray());
    }

    @Override
    public long forEachChunk(long afterSequence, Consumer<ChunkRecord> consumer) {
        long last = afterSequence;
        while (true) {
            SqlBuilder sql = new SqlBuilder("SELECT " + Rows.CHUNK_COLUMNS + ", embedding FROM chunks")
                    .and("seq > ?", last)
                    .append(" ORDER BY seq LIMIT ?", CHUNK_SCAN_PAGE);
            // One page at a time, materialised: the consumer never runs while a cursor is open.
            List<ChunkRecord> page = query(client.execute(), sql, row -> Rows.chunk(row, true));
            for (ChunkRecord chunk : page) {
                consumer.accept(chunk);
                last = chunk.sequence();
            }
            if (page.size() < CHUNK_SCAN_PAGE) {
                return last;
            }
        }
    }

    @Override
    public ChunkStats chunkStats() {
        return client.execute().get("SELECT COALESCE(MAX(seq), 0) AS max_seq, COUNT(*) AS n FROM chunks")
                .map(row -> new ChunkStats(Rows.longValue(row, "max_seq"), Rows.longValue(row, "n")))
                .orElse(new ChunkStats(0, 0));
    }

    @Override
    public List<ChunkRecord> chunksAfter(long afterSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.CHUNK_COLUMNS + ", embedding FROM chunks")
                .and("seq > ?", afterSequence)
                .append(" ORDER BY seq LIMIT ?", limit);
        return query(client.execute(), sql, row -> Rows.chunk(row, true));
    }

    @Override
    public int updateEmbeddings(List<ChunkRecord> chunks) {
        for (ChunkRecord chunk : chunks) {
            if (chunk.embedding() == null) {
                throw new IllegalArgumentException("chunk " + chunk.chunkNumber() + " of document "
                        + chunk.documentId() + " has no embedding to write");
            }
        }
        if (chunks.isEmpty()) {
            return 0;
        }
        return inTransaction(tx -> {
            int updated = 0;
            for (ChunkRecord c : chunks) {
                // the sequence pins the chunk generation read: a re-ingested document keeps its new vectors
                updated += (int) tx.update("UPDATE chunks SET embedding = ? WHERE seq = ? AND document_id = ? "
                        + "AND chunk_number = ?", Embeddings.toBytes(c.embedding()), c.sequence(), c.documentId(),
                        c.chunkNumber());
            }
            return updated;
        });
    }

    // ---- settings --------------------------------------------------------------------

    @Override
    public Optional<String> setting(String key) {
        return client.execute().get("SELECT value FROM settings WHERE key = ?", requireKey(key))
                .map(row -> Rows.text(row, "value"));
    }

    @Override
    public void putSetting(String key, String value) {
        requireKey(key);
        if (value == null) {
            write(exec -> exec.delete("DELETE FROM settings WHERE key = ?", key));
            return;
        }
        // ON CONFLICT ... DO UPDATE: one statement in both dialects, so two nodes never race an insert
        write(exec -> exec.insert("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                key, value, dialect.timestamp(Instant.now())));
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a setting needs a non-blank key");
        }
        return key;
    }

    // ---- chats, usage, model configurations -------------------------------------------

    @Override
    public boolean appendChatMessages(AccessScope scope, String chatId, List<String> messagesJson, String title,
                                      Instant at) {
        return chats.append(scope, chatId, messagesJson, title, at);
    }

    @Override
    public Optional<ChatRecord> findChat(AccessScope scope, String chatId) {
        return chats.find(scope, chatId);
    }

    @Override
    public List<ChatRecord> listChats(AccessScope scope, int limit) {
        return chats.list(scope, limit);
    }

    @Override
    public boolean updateChatTitle(AccessScope scope, String chatId, String title, Instant at) {
        return chats.updateTitle(scope, chatId, title, at);
    }

    @Override
    public void insertUsageRecords(List<UsageRecord> records) {
        usage.insert(records);
    }

    @Override
    public List<UsageRecord> listUsageRecords(AccessScope scope, UsageQuery query) {
        return usage.list(scope, query);
    }

    @Override
    public Map<String, Long> usageTokensByOperation(AccessScope scope, UsageQuery query) {
        return usage.tokensByOperation(scope, query);
    }

    @Override
    public StorageUsage storageUsage(AccessScope scope) {
        return usage.storageUsage(scope);
    }

    @Override
    public void insertModelConfig(ModelConfigRecord config) {
        modelConfigs.insert(config);
    }

    @Override
    public Optional<ModelConfigRecord> findModelConfig(AccessScope scope, String configId) {
        return modelConfigs.find(scope, configId);
    }

    @Override
    public List<ModelConfigRecord> listModelConfigs(AccessScope scope, String provider) {
        return modelConfigs.list(scope, provider);
    }

    @Override
    public boolean updateModelConfig(AccessScope scope, String configId, String configDataJson, Instant updatedAt,
                                     Instant expectedUpdatedAt) {
        return modelConfigs.update(scope, configId, configDataJson, updatedAt, expectedUpdatedAt);
    }

    @Override
    public boolean deleteModelConfig(AccessScope scope, String configId) {
        return modelConfigs.delete(scope, configId);
    }

    // ---- folders ---------------------------------------------------------------------

    @Override
    public void insertFolder(FolderRecord f) {
        write(exec -> exec.insert("INSERT INTO folders (" + Rows.FOLDER_COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.json() + ", ?, ?)",
                f.id(), f.ownerId(), f.appId(), f.endUserId(), f.name(), f.fullPath(), f.parentId(), f.depth(),
                f.description(), f.systemMetadataJson(), dialect.timestamp(f.createdAt()),
                dialect.timestamp(f.updatedAt())));
    }

    @Override
    public Optional<FolderRecord> findFolderById(AccessScope scope, String folderId) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.FOLDER_COLUMNS + " FROM folders");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", folderId);
        return client.execute().get(sql.sql(), sql.parameters()).map(Rows::folder);
    }

    @Override
    public Optional<FolderRecord> findFolderByPath(AccessScope scope, String fullPath) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.FOLDER_COLUMNS + " FROM folders");
        ScopeClause.of(scope, null).appendTo(sql);
        // An owner scope can see the same path twice (its own and one it created under an app): oldest wins.
        sql.and("full_path = ?", fullPath).append(" ORDER BY created_at, id LIMIT 1");
        return client.execute().get(sql.sql(), sql.parameters()).map(Rows::folder);
    }

    @Override
    public List<FolderRecord> listFolders(AccessScope scope) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.FOLDER_COLUMNS + " FROM folders");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.append(" ORDER BY full_path, created_at, id");
        return query(client.execute(), sql, Rows::folder);
    }

    @Override
    public boolean updateFolder(AccessScope scope, FolderRecord f) {
        SqlBuilder sql = new SqlBuilder("UPDATE folders SET end_user_id = ?, name = ?, full_path = ?, parent_id = ?, "
                + "depth = ?, description = ?, system_metadata = " + dialect.json() + ", updated_at = ?",
                f.endUserId(), f.name(), f.fullPath(), f.parentId(), f.depth(), f.description(),
                f.systemMetadataJson(), dialect.timestamp(f.updatedAt()));
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", f.id());
        return write(exec -> exec.update(sql.sql(), sql.parameters())) > 0;
    }

    @Override
    public boolean deleteFolder(AccessScope scope, String folderId) {
        SqlBuilder sql = new SqlBuilder("DELETE FROM folders");
        ScopeClause.of(scope, null).appendTo(sql);
        sql.and("id = ?", folderId);
        return write(exec -> exec.delete(sql.sql(), sql.parameters())) > 0;
    }

    // ---- ingestion jobs --------------------------------------------------------------

    @Override
    public void enqueueJob(JobRecord job) {
        // The job copies its document's scope columns, in the same statement that checks it exists.
        long inserted = write(exec -> exec.insert("INSERT INTO jobs (id, document_id, owner_id, app_id, end_user_id, "
                        + "folder_path, kind, state, attempts, run_after, worker_id, lease_until, payload, last_error, "
                        + "created_at, updated_at) SELECT ?, d.id, d.owner_id, d.app_id, d.end_user_id, d.folder_path, "
                        + "?, ?, ?, ?, NULL, NULL, " + dialect.json() + ", ?, ?, ? FROM documents d WHERE d.id = ?",
                job.id(), job.kind(), JOB_QUEUED, job.attempts(), dialect.timestamp(job.runAfter()),
                job.payloadJson() == null ? "{}" : job.payloadJson(), job.lastError(),
                dialect.timestamp(job.createdAt()), dialect.timestamp(job.createdAt()), job.documentId()));
        if (inserted == 0) {
            throw new IllegalStateException("cannot enqueue job " + job.id() + ": document " + job.documentId()
                    + " does not exist");
        }
    }

    @Override
    public Optional<JobRecord> claimJob(String workerId, Instant now, Duration lease) {
        Object at = dialect.timestamp(now);
        return inTransaction(tx -> {
            Optional<String> id = tx.get("SELECT id FROM jobs WHERE (state = ? AND run_after <= ?) "
                            + "OR (state = ? AND lease_until <= ?) ORDER BY run_after, created_at, id LIMIT 1"
                            + dialect.lockForClaim(),
                    JOB_QUEUED, at, JOB_RUNNING, at).map(row -> Rows.text(row, "id"));
            if (id.isEmpty()) {
                return Optional.empty();
            }
            tx.update("UPDATE jobs SET state = ?, worker_id = ?, lease_until = ?, attempts = attempts + 1, "
                              + "updated_at = ? WHERE id = ?",
                      JOB_RUNNING, workerId, dialect.timestamp(now.plus(lease)), at, id.get());
            return tx.get("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE id = ?", id.get()).map(Rows::job);
        });
    }

    @Override
    public boolean renewJobLease(String jobId, String workerId, Instant leaseUntil) {
        return write(exec -> exec.update("UPDATE jobs SET lease_until = ? WHERE id = ? AND worker_id = ? AND state = ?",
                dialect.timestamp(leaseUntil), jobId, workerId, JOB_RUNNING)) > 0;
    }

    @Override
    public void completeJob(String jobId) {
        write(exec -> exec.delete("DELETE FROM jobs WHERE id = ?", jobId));
    }

    @Override
    public void retryJob(String jobId, Instant runAfter, String error) {
        write(exec -> exec.update("UPDATE jobs SET state = ?, run_after = ?, last_error = ?, worker_id = NULL, "
                        + "lease_until = NULL, updated_at = ? WHERE id = ?",
                JOB_QUEUED, dialect.timestamp(runAfter), error, dialect.timestamp(Instant.now()), jobId));
    }

    @Override
    public void failJob(String jobId, String error) {
        write(exec -> exec.update("UPDATE jobs SET state = ?, last_error = ?, worker_id = NULL, lease_until = NULL, "
                        + "updated_at = ? WHERE id = ?",
                JOB_FAILED, error, dialect.timestamp(Instant.now()), jobId));
    }

    @Override
    public List<JobRecord> jobsOfDocument(String documentId) {
        SqlBuilder sql = new SqlBuilder("SELECT " + Rows.JOB_COLUMNS + " FROM jobs")
                .and("document_id = ?", documentId)
                .append(" ORDER BY created_at, id");
        return query(client.execute(), sql, Rows::job);
    }

    @Override
    public Map<String, Long> jobCounts() {
        SqlBuilder sql = new SqlBuilder("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state ORDER BY state");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : query(client.execute(), sql,
                row -> Map.entry(Rows.text(row, "state"), Rows.longValue(row, "n")))) {
            counts.put(e.getKey(), e.getValue());
        }
        return counts;
    }

    // ---- execution helpers -----------------------------------------------------------

    static <T> List<T> query(DbExecute exec, SqlBuilder sql, Function<DbRow, T> mapper) {
        try (Stream<DbRow> rows = exec.query(sql.sql(), sql.parameters())) {
            return rows.map(mapper).toList();
        }
    }

    /** One auto-committed write statement; serialised in this process on SQLite. */
    <T> T write(Function<DbExecute, T> work) {
        lockWrites();
        try {
            return work.apply(client.execute());
        } finally {
            unlockWrites();
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Function<DbTransaction, T> work) {
        lockWrites();
        try {
            DbTransaction tx = client.transaction();
            T result;
            try {
                result = work.apply(tx);
            } catch (RuntimeException | Error e) {
                SchemaMigrations.rollbackQuietly(tx, e);
                throw e;
            }
            try {
                tx.commit();
            } catch (RuntimeException e) {
                SchemaMigrations.rollbackQuietly(tx, e);
                throw e;
            }
            return result;
        } finally {
            unlockWrites();
        }
    }

    private void lockWrites() {
        if (dialect.serializeWrites()) {
            writeLock.lock();
        }
    }

    private void unlockWrites() {
        if (dialect.serializeWrites()) {
            writeLock.unlock();
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
