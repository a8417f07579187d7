package quire.spi.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import quire.spi.Provider;

/**
 * The source of truth: documents, chunks, folders, ingestion jobs, chat conversations, usage
 * records, model configurations and a few settings about the stored data (such as the embedding
 * model of the stored vectors).
 *
 * <p>Every read and write of a scoped record takes an {@link AccessScope}; implementations
 * apply it in one place, with bound parameters, so no query can see another owner's or app's
 * rows. Multi-row writes are atomic: a failure leaves nothing half-written.
 *
 * <p>Scope rule (spec §5.3): a scope with an app id sees the rows whose {@code app_id} equals it;
 * a scope without one sees the rows whose {@code owner_id} equals its owner. {@code end_user_id}
 * and folders are narrowing filters in {@link DocumentQuery}, never part of the scope.
 *
 * <p>Stored values: timestamps keep microsecond precision (finer parts are truncated); JSON text
 * keeps its meaning but a database may normalise its formatting (PostgreSQL {@code jsonb}
 * re-orders object keys and whitespace); text is stored verbatim, except that PostgreSQL cannot
 * store U+0000.
 */
public interface StorageBackend extends Provider {

    /** @return the schema version after migrations, for {@code /health} */
    int schemaVersion();

    /** @return true when the database answers; never throws */
    boolean ping();

    // ---- documents -------------------------------------------------------------------

    /** Inserts a new document. */
    void insertDocument(DocumentRecord document);

    /** @return the document, when visible in the scope */
    Optional<DocumentRecord> findDocument(AccessScope scope, String documentId);

    /** @return the visible documents among these ids, in no particular order */
    List<DocumentRecord> findDocuments(AccessScope scope, Collection<String> documentIds);

    /** @return the newest visible document with this filename that matches the query narrowing */
    Optional<DocumentRecord> findDocumentByFilename(AccessScope scope, String filename, DocumentQuery narrowing);

    /**
     * @return visible documents matching the query, sorted and paged as it says (ties broken by id,
     *         null sort values last)
     * @throws IllegalArgumentException for an unknown {@code sortBy}
     * @throws UnsupportedOperationException when the backend cannot apply {@link DocumentQuery#filter()}
     */
    List<DocumentRecord> listDocuments(AccessScope scope, DocumentQuery query);

    /**
     * The ids of visible documents matching the query, sorted and paged as it says, without
     * reading the rows (retrieval resolves its candidate documents this way).
     *
     * <p>The default reads the rows through {@link #listDocuments}; backends should do better.
     */
    default List<String> listDocumentIds(AccessScope scope, DocumentQuery query) {
        return listDocuments(scope, query).stream().map(DocumentRecord::id).toList();
    }

    /** @return how many visible documents match the query (paging ignored) */
    long countDocuments(AccessScope scope, DocumentQuery query);

    /**
     * Replaces a document's mutable fields (everything but id, owner, app, created_at).
     *
     * @return false when the document is not visible in the scope
     */
    boolean updateDocument(AccessScope scope, DocumentRecord document);

    /**
     * Like {@link #updateDocument}, but only when the stored row's {@code updated_at} still equals
     * {@code expectedUpdatedAt} (a compare-and-set), so a read-modify-write never overwrites a
     * change made meanwhile (e.g. a worker completing the document while a client updates its
     * metadata). Callers re-read and retry when it returns false.
     *
     * <p>The default is not atomic; backends should override it.
     *
     * @return false when the document is not visible or was changed since {@code expectedUpdatedAt}
     */
    default boolean updateDocumentIfUnchanged(AccessScope scope, DocumentRecord document, java.time.Instant expectedUpdatedAt) {
        Optional<DocumentRecord> current = findDocument(scope, document.id());
        if (current.isEmpty() || !current.get().updatedAt().equals(expectedUpdatedAt)) {
            return false;
        }
        return updateDocument(scope, document);
    }

    /**
     * Deletes a document with its chunks and jobs in one transaction.
     *
     * @return false when it is not visible in the scope
     */
    boolean deleteDocument(AccessScope scope, String documentId);

    // ---- chunks ----------------------------------------------------------------------

    /**
     * Atomically replaces a document's chunks and writes the document record (e.g. status
     * {@code completed}, chunk ids) in one transaction, so a document is never completed
     * without its chunks nor left with two generations of chunks.
     *
     * @return false when the document no longer exists (deleted while processing): nothing written
     */
    boolean replaceChunksAndUpdate(DocumentRecord document, List<ChunkRecord> chunks);

    /**
     * Like {@link #replaceChunksAndUpdate}, but only while the document is visible in the scope
     * and its stored {@code updated_at} still equals {@code expectedUpdatedAt} (a compare-and-set),
     * so a worker finishing a document never overwrites a metadata, folder or content change a
     * client made while it worked. Callers re-read and retry when it returns false.
     *
     * <p>The default is not atomic; backends should override it.
     *
     * @return false when the document is gone or was changed since {@code expectedUpdatedAt}: nothing written
     */
    default boolean replaceChunksAndUpdateIfUnchanged(AccessScope scope, DocumentRecord document,
                                                      List<ChunkRecord> chunks, java.time.Instant expectedUpdatedAt) {
        Optional<DocumentRecord> current = findDocument(scope, document.id());
        if (current.isEmpty() || !current.get().updatedAt().equals(expectedUpdatedAt)) {
            return false;
        }
        return replaceChunksAndUpdate(document, chunks);
    }

    /**
     * Like {@link #replaceChunksAndUpdateIfUnchanged} and, when that writes, deletes the finished
     * ingestion job {@code jobId} in the same transaction: a document is never {@code completed}
     * while its job is still queued or running, so a worker dying after the write does not make
     * another worker process the document again.
     *
     * <p>The default is not atomic; backends should override it.
     *
     * @return false when nothing was written (the job then stays)
     */
    default boolean replaceChunksAndCompleteJob(AccessScope scope, DocumentRecord document, List<ChunkRecord> chunks,
                                                java.time.Instant expectedUpdatedAt, String jobId) {
        if (!replaceChunksAndUpdateIfUnchanged(scope, document, chunks, expectedUpdatedAt)) {
            return false;
        }
        completeJob(jobId);
        return true;
    }

    /** @return the document's chunks in chunk-number order (no scope: callers checked the document) */
    List<ChunkRecord> chunksOf(String documentId);

    /** @return the chunks with these keys among documents visible in the scope */
    List<ChunkRecord> findChunks(AccessScope scope, Collection<ChunkKey> keys);

    /**
     * Streams every chunk with its embedding (for rebuilding the vector index), ordered by
     * storage sequence. Returns the highest sequence seen.
     */
    long forEachChunk(long afterSequence, Consumer<ChunkRecord> consumer);

    /** @return the current highest chunk sequence and the count of chunks */
    ChunkStats chunkStats();

    /**
     * One page of chunks in storage-sequence order, with their text and embeddings: the chunks
     * whose sequence is greater than {@code afterSequence}, at most {@code limit}. Paging by the
     * last returned {@link ChunkRecord#sequence()} visits every chunk once, so a caller that keeps
     * that cursor (e.g. re-embedding) can stop and resume anywhere.
     *
     * <p>The default throws {@link UnsupportedOperationException}; backends that serve the
     * re-embed command implement it.
     *
     * @param afterSequence exclusive lower bound (0 for the first page)
     * @param limit         page size, at least 1
     * @return the page, empty when no chunk follows
     */
    default List<ChunkRecord> chunksAfter(long afterSequence, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot page through chunks");
    }

    /**
     * Writes new embeddings for existing chunks, in one transaction. A chunk is matched by its
     * document id, chunk number <em>and</em> sequence, so a chunk replaced meanwhile (its document
     * re-ingested: a new sequence) is left alone rather than given a vector of older text. Text,
     * metadata and sequence never change, so an interrupted run leaves every chunk in place with
     * either its old or its new vector.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @param chunks chunks as read by {@link #chunksAfter}, each with its new (non-null) embedding
     * @return how many chunks were updated
     */
    default int updateEmbeddings(List<ChunkRecord> chunks) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot update embeddings");
    }

    // ---- settings --------------------------------------------------------------------

    /**
     * A value the server keeps about the stored data itself (not about any user), e.g. which
     * embedding model produced the stored vectors. Keys are dotted lower-case names chosen by
     * the host ({@code embedding.model}); values are plain text.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @param key the setting's name
     * @return its value, empty when never set
     */
    default Optional<String> setting(String key) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store settings");
    }

    /**
     * Sets a value (insert or replace) or removes it, durably, in one statement.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @param key   the setting's name
     * @param value its new value, or null to remove the setting
     */
    default void putSetting(String key, String value) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store settings");
    }

    // ---- chat conversations ----------------------------------------------------------

    /**
     * Appends messages to a conversation's history in one transaction, creating the conversation
     * in the scope (owner and app of the scope) when no conversation has this id. The title is set
     * when the conversation has none yet. Two appends to the same conversation never lose a message.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @param scope        the caller
     * @param chatId       the conversation id
     * @param messagesJson the new messages, each a JSON object text, oldest first
     * @param title        the title for a conversation without one, or null
     * @param at           the time of the append (the conversation's {@code updatedAt})
     * @return false when a conversation with this id exists but is not visible in the scope: nothing written
     */
    default boolean appendChatMessages(AccessScope scope, String chatId, List<String> messagesJson, String title,
                                       Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store chats");
    }

    /**
     * @return the conversation with its history, when visible in the scope
     *         (the default throws {@link UnsupportedOperationException})
     */
    default Optional<ChatRecord> findChat(AccessScope scope, String chatId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store chats");
    }

    /**
     * @param limit at most this many, at least 1
     * @return the visible conversations, most recently updated first (ties by id)
     *         (the default throws {@link UnsupportedOperationException})
     */
    default List<ChatRecord> listChats(AccessScope scope, int limit) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store chats");
    }

    /**
     * Sets a conversation's title and its {@code updatedAt}.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @return false when the conversation is not visible in the scope
     */
    default boolean updateChatTitle(AccessScope scope, String chatId, String title, Instant at) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store chats");
    }

    // ---- usage records ---------------------------------------------------------------

    /**
     * Inserts usage records, all or none, in one transaction (each carries its own scope).
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     */
    default void insertUsageRecords(List<UsageRecord> records) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store usage records");
    }

    /**
     * @return the visible usage records matching the query, newest first (ties by id), at most its limit
     *         (the default throws {@link UnsupportedOperationException})
     */
    default List<UsageRecord> listUsageRecords(AccessScope scope, UsageQuery query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store usage records");
    }

    /**
     * @return the total {@code tokensUsed} per operation type of the visible records matching the
     *         query (its limit ignored), sorted by operation type
     *         (the default throws {@link UnsupportedOperationException})
     */
    default java.util.Map<String, Long> usageTokensByOperation(AccessScope scope, UsageQuery query) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store usage records");
    }

    /**
     * @return how many documents the scope holds and how large they and their chunks are
     *         (the default throws {@link UnsupportedOperationException})
     */
    default StorageUsage storageUsage(AccessScope scope) {
        throw new UnsupportedOperationException(getClass().getName() + " does not report storage usage");
    }

    // ---- model configurations --------------------------------------------------------

    /**
     * Inserts a model configuration record.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     */
    default void insertModelConfig(ModelConfigRecord config) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store model configurations");
    }

    /**
     * @return the record, when visible in the scope
     *         (the default throws {@link UnsupportedOperationException})
     */
    default Optional<ModelConfigRecord> findModelConfig(AccessScope scope, String configId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store model configurations");
    }

    /**
     * @param provider only this provider, or null for all
     * @return the visible records, oldest first (ties by id)
     *         (the default throws {@link UnsupportedOperationException})
     */
    default List<ModelConfigRecord> listModelConfigs(AccessScope scope, String provider) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store model configurations");
    }

    /**
     * Replaces a record's configuration data and {@code updatedAt}. With {@code expectedUpdatedAt}
     * the write happens only when the stored {@code updatedAt} still equals it, so a
     * read-modify-write never overwrites a concurrent change (compare and set).
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @param expectedUpdatedAt the {@code updatedAt} read before, or null to replace unconditionally
     * @return false when the record is not visible in the scope, or was changed meanwhile
     */
    default boolean updateModelConfig(AccessScope scope, String configId, String configDataJson, Instant updatedAt,
                                      Instant expectedUpdatedAt) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store model configurations");
    }

    /**
     * Deletes a record.
     *
     * <p>The default throws {@link UnsupportedOperationException}.
     *
     * @return false when it is not visible in the scope
     */
    default boolean deleteModelConfig(AccessScope scope, String configId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not store model configurations");
    }

    // ---- folders ---------------------------------------------------------------------

    void insertFolder(FolderRecord folder);

    Optional<FolderRecord> findFolderById(AccessScope scope, String folderId);

    Optional<FolderRecord> findFolderByPath(AccessScope scope, String fullPath);

    List<FolderRecord> listFolders(AccessScope scope);

    boolean updateFolder(AccessScope scope, FolderRecord folder);

    boolean deleteFolder(AccessScope scope, String folderId);

    // ---- ingestion jobs --------------------------------------------------------------

    /**
     * Inserts a job (state {@code queued}). The job inherits its document's scope columns.
     *
     * @throws IllegalStateException when the document does not exist
     */
    void enqueueJob(JobRecord job);

    /**
     * Claims the oldest due job: a queued job whose {@code runAfter} has passed, or a running
     * job whose lease expired (its worker died). The claim is exclusive across processes
     * ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, a write transaction on SQLite).
     *
     * @param workerId who claims
     * @param now      the current time
     * @param lease    how long the claim holds without {@link #renewJobLease}
     * @return the claimed job with state {@code running}, attempts incremented
     */
    Optional<JobRecord> claimJob(String workerId, Instant now, Duration lease);

    /** Extends a running job's lease; false when the job is gone or claimed by someone else. */
    boolean renewJobLease(String jobId, String workerId, Instant leaseUntil);

    /** Marks a job finished (deleted from the queue). */
    void completeJob(String jobId);

    /** Puts a job back to {@code queued} to run after {@code runAfter}, recording the error. */
    void retryJob(String jobId, Instant runAfter, String error);

    /** Marks a job failed for good. */
    void failJob(String jobId, String error);

    /** @return jobs of this document (any state) */
    List<JobRecord> jobsOfDocument(String documentId);

    /** @return counts of jobs by state, for {@code /health} and the bench */
    java.util.Map<String, Long> jobCounts();
}
