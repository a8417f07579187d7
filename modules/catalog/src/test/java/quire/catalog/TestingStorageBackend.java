package quire.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import quire.retrieval.FilterEvaluator;
import quire.spi.ProviderInfo;
import quire.spi.filter.FilterNode;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.ChunkStats;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;

/**
 * An in-memory {@link StorageBackend} with just the document and folder operations the catalog
 * uses, written from the SPI's javadoc (not from the catalog's code). It also counts calls so
 * tests can see how many queries a listing made.
 */
final class TestingStorageBackend implements StorageBackend {
    private final Map<String, DocumentRecord> documents = new LinkedHashMap<>();
    private final Map<String, FolderRecord> folders = new LinkedHashMap<>();
    int listCalls;
    int countCalls;

    private static boolean visible(AccessScope scope, String ownerId, String appId) {
        return scope.appId() != null ? scope.appId().equals(appId) : scope.ownerId().equals(ownerId);
    }

    private static boolean matches(DocumentQuery q, DocumentRecord d) {
        if (q.endUserId() != null && !q.endUserId().equals(d.endUserId())) {
            return false;
        }
        if (q.folderPaths() != null) {
            boolean in = false;
            for (String p : q.folderPaths()) {
                if (p == null ? d.folderPath() == null
                        : d.folderPath() != null && (d.folderPath().equals(p)
                        || q.includeSubfolders() && d.folderPath().startsWith(p + "/"))) {
                    in = true;
                }
            }
            if (!in) {
                return false;
            }
        }
        if (q.filter() != null && !FilterEvaluator.matches((FilterNode) q.filter(), d)) {
            return false;
        }
        if (q.filenameContains() != null && (d.filename() == null || !d.filename().toLowerCase(Locale.ROOT)
                .contains(q.filenameContains().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return q.status() == null || q.status().equals(d.status());
    }

    private List<DocumentRecord> select(AccessScope scope, DocumentQuery q) {
        Predicate<DocumentRecord> p = d -> visible(scope, d.ownerId(), d.appId()) && (q == null || matches(q, d));
        return documents.values().stream().filter(p).toList();
    }

    private static Comparator<DocumentRecord> order(DocumentQuery q) {
        // the SPI: null sort values last in both directions, ties broken by id
        Comparator<String> text = q.descending() ? Comparator.<String>naturalOrder().reversed() : Comparator.naturalOrder();
        Comparator<java.time.Instant> time = q.descending() ? Comparator.<java.time.Instant>naturalOrder().reversed()
                : Comparator.naturalOrder();
        Comparator<DocumentRecord> key = switch (q.sortBy()) {
            case "updated_at" -> Comparator.comparing(DocumentRecord::updatedAt, Comparator.nullsLast(time));
            case "filename" -> Comparator.comparing(DocumentRecord::filename, Comparator.nullsLast(text));
            case "external_id" -> Comparator.comparing(DocumentRecord::id, text);
            case "created_at" -> Comparator.comparing(DocumentRecord::createdAt, Comparator.nullsLast(time));
            default -> throw new IllegalArgumentException("unknown sortBy " + q.sortBy());
        };
        return key.thenComparing(DocumentRecord::id);
    }

    @Override
    public ProviderInfo info() {
        return ProviderInfo.of("testing");
    }

    @Override
    public int schemaVersion() {
        return 1;
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void insertDocument(DocumentRecord document) {
        if (documents.putIfAbsent(document.id(), document) != null) {
            throw new IllegalStateException("duplicate document " + document.id());
        }
    }

    @Override
    public Optional<DocumentRecord> findDocument(AccessScope scope, String documentId) {
        return Optional.ofNullable(documents.get(documentId)).filter(d -> visible(scope, d.ownerId(), d.appId()));
    }

    @Override
    public List<DocumentRecord> findDocuments(AccessScope scope, Collection<String> documentIds) {
        return documentIds.stream().map(id -> findDocument(scope, id)).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<DocumentRecord> findDocumentByFilename(AccessScope scope, String filename, DocumentQuery narrowing) {
        return select(scope, narrowing).stream().filter(d -> filename.equals(d.filename()))
                .max(Comparator.comparing(DocumentRecord::updatedAt));
    }

    @Override
    public List<DocumentRecord> listDocuments(AccessScope scope, DocumentQuery query) {
        listCalls++;
        return select(scope, query).stream().sorted(order(query)).skip(query.skip()).limit(query.limit()).toList();
    }

    @Override
    public long countDocuments(AccessScope scope, DocumentQuery query) {
        countCalls++;
        return select(scope, query).size();
    }

    @Override
    public boolean updateDocument(AccessScope scope, DocumentRecord document) {
        if (findDocument(scope, document.id()).isEmpty()) {
            return false;
        }
        documents.put(document.id(), document);
        return true;
    }

    @Override
    public boolean deleteDocument(AccessScope scope, String documentId) {
        return findDocument(scope, documentId).isPresent() && documents.remove(documentId) != null;
    }

    @Override
    public void insertFolder(FolderRecord folder) {
        AccessScope scope = new AccessScope(folder.ownerId(), folder.appId());
        if (findFolderByPath(scope, folder.fullPath()).isPresent()) {
            throw new IllegalStateException("duplicate folder path " + folder.fullPath());
        }
        folders.put(folder.id(), folder);
    }

    @Override
    public Optional<FolderRecord> findFolderById(AccessScope scope, String folderId) {
        return Optional.ofNullable(folders.get(folderId)).filter(f -> visible(scope, f.ownerId(), f.appId()));
    }

    @Override
    public Optional<FolderRecord> findFolderByPath(AccessScope scope, String fullPath) {
        return listFolders(scope).stream().filter(f -> f.fullPath().equals(fullPath)).findFirst();
    }

    @Override
    public List<FolderRecord> listFolders(AccessScope scope) {
        return folders.values().stream().filter(f -> visible(scope, f.ownerId(), f.appId())).toList();
    }

    @Override
    public boolean updateFolder(AccessScope scope, FolderRecord folder) {
        if (findFolderById(scope, folder.id()).isEmpty()) {
            return false;
        }
        folders.put(folder.id(), folder);
        return true;
    }

    @Override
    public boolean deleteFolder(AccessScope scope, String folderId) {
        return findFolderById(scope, folderId).isPresent() && folders.remove(folderId) != null;
    }

    // ---- not needed by the catalog ----------------------------------------------------

    @Override
    public boolean replaceChunksAndUpdate(DocumentRecord document, List<ChunkRecord> chunks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ChunkRecord> chunksOf(String documentId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ChunkRecord> findChunks(AccessScope scope, Collection<ChunkKey> keys) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long forEachChunk(long afterSequence, Consumer<ChunkRecord> consumer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ChunkStats chunkStats() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void enqueueJob(JobRecord job) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<JobRecord> claimJob(String workerId, Instant now, Duration lease) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean renewJobLease(String jobId, String workerId, Instant leaseUntil) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void completeJob(String jobId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void retryJob(String jobId, Instant runAfter, String error) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void failJob(String jobId, String error) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<JobRecord> jobsOfDocument(String documentId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Long> jobCounts() {
        throw new UnsupportedOperationException();
    }

    /** @return every stored document, for assertions */
    List<DocumentRecord> all() {
        return new ArrayList<>(documents.values());
    }
}
