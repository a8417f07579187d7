package quire.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.JsonObjectBuilder;
import quire.spi.blob.BlobInfo;
import quire.spi.blob.BlobStore;
import quire.spi.chunker.Chunker;
import quire.spi.embedding.Embedder;
import quire.spi.parser.Parser;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;

/**
 * Accepts documents for ingestion and runs the workers that process them.
 *
 * <p>A submission stores the bytes in the blob store, then the document row and its job; the
 * document is {@code processing} until a worker has stored its chunks, in the same transaction
 * that marks it {@code completed}.
 */
public final class IngestionService implements AutoCloseable {
    /** The bucket that holds uploaded sources. */
    public static final String SOURCE_BUCKET = "documents";
    /** Re-reads before a read-modify-write of a row gives up on a document that keeps changing. */
    private static final int CAS_ATTEMPTS = 50;

    private final StorageBackend storage;
    private final BlobStore blobs;
    private final Clock clock;
    private final IngestListener listener;
    private final ExecutorService parseExecutor;
    private final IngestWorkerPool workers;
    private final Map<String, CompletableFuture<Void>> settled = new ConcurrentHashMap<>();

    /**
     * @param storage       the source of truth and job queue
     * @param blobs         where source bytes live
     * @param parsers       every active parser
     * @param detector      sniffs content types from bytes
     * @param chunker       splits text
     * @param embedder      embeds chunks
     * @param settings      queue tunables
     * @param clock         time
     * @param listener      told about completed and removed documents
     * @param workDirectory scratch space for files being parsed
     */
    public IngestionService(StorageBackend storage, BlobStore blobs, List<? extends Parser> parsers,
                            ContentTypeDetector detector, Chunker chunker, Embedder embedder, IngestSettings settings,
                            Clock clock, IngestListener listener, Path workDirectory) {
        this.storage = storage;
        this.blobs = blobs;
        this.clock = clock;
        this.listener = listener == null ? new IngestListener() { } : listener;
        this.parseExecutor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("quire-parse-", 0).daemon(true).factory());
        IngestionPipeline pipeline = new IngestionPipeline(storage, blobs, new ParserRegistry(parsers), detector, chunker,
                embedder, settings, clock, parseExecutor, this.listener, workDirectory);
        this.workers = new IngestWorkerPool(storage, pipeline, settings, clock, this::markSettled);
    }

    /** Starts the workers; queued and interrupted jobs (from before a restart) are picked up. */
    public void start() {
        workers.start();
    }

    /**
     * Accepts a document: stores its bytes, then its row and job.
     *
     * @param document what the client sent
     * @param content  the bytes (read to the end, not closed)
     * @param maxBytes size limit; over it, {@link quire.spi.blob.BlobTooLargeException} and nothing is stored
     * @return the new document, status {@code processing}
     */
    public DocumentRecord submit(NewDocument document, InputStream content, long maxBytes) throws IOException {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        BlobInfo blob = blobs.put(SOURCE_BUCKET, id + "/source", content, maxBytes);
        String contentType = document.text() ? "text/plain"
                : document.declaredType() == null ? "application/octet-stream" : document.declaredType();
        DocumentRecord doc = new DocumentRecord(id, document.scope().ownerId(), document.scope().appId(),
                document.endUserId(), document.folderId(), document.folderPath(), document.filename(), contentType,
                DocumentStatus.PROCESSING, withServerKeys(document.metadataJson(), id, document.folderPath()),
                document.metadataTypesJson(), SystemMetadata.queued(null, now),
                storageInfo(blob, document.filename(), contentType, document.text()), "{}", List.of(), now, now);
        try {
            storage.insertDocument(doc);
            storage.enqueueJob(newJob(doc.id(), document.scope(), now));
        } catch (RuntimeException e) {
            storage.deleteDocument(document.scope(), id);
            blobs.delete(SOURCE_BUCKET, id + "/source");
            throw e;
        }
        workers.signal();
        return doc;
    }

    /**
     * Replaces a document's source (update_text / update_file) and processes it again. Old chunks
     * stay until the new ones replace them in one transaction.
     *
     * @param changes applied to the row before it is queued (metadata, filename ...)
     * @return the updated row, or empty when not visible
     */
    public Optional<DocumentRecord> resubmit(AccessScope scope, String documentId, InputStream content, long maxBytes,
                                             boolean text, String filename, String declaredType,
                                             java.util.function.UnaryOperator<DocumentRecord> changes) throws IOException {
        Optional<DocumentRecord> existing = storage.findDocument(scope, documentId);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        BlobInfo blob = blobs.put(SOURCE_BUCKET, documentId + "/source", content, maxBytes);
        // compare-and-set: a worker or another client writing the row meanwhile is re-read, never overwritten
        Optional<DocumentRecord> updated = DocumentRows.update(storage, scope, documentId, existing.get(), current -> {
            DocumentDraft d = DocumentDraft.of(changes.apply(current));
            d.filename = filename != null ? filename : d.filename;
            d.contentType = text ? "text/plain" : declaredType != null ? declaredType : d.contentType;
            d.status = DocumentStatus.PROCESSING;
            d.updatedAt = DocumentRows.nextUpdatedAt(current, clock);
            d.systemMetadataJson = SystemMetadata.queued(d.systemMetadataJson, d.updatedAt);
            d.storageInfoJson = storageInfo(blob, d.filename, d.contentType, text);
            return d.build();
        }, CAS_ATTEMPTS);
        updated.ifPresent(this::enqueue);
        return updated;
    }

    /** Queues a document again (requeue route); false when it is not visible. */
    public boolean requeue(AccessScope scope, String documentId) {
        Optional<DocumentRecord> existing = storage.findDocument(scope, documentId);
        if (existing.isEmpty()) {
            return false;
        }
        boolean active = storage.jobsOfDocument(documentId).stream().anyMatch(j -> !"failed".equals(j.state()));
        if (active) {
            return true;
        }
        Optional<DocumentRecord> queued = DocumentRows.update(storage, scope, documentId, existing.get(), current -> {
            DocumentDraft d = DocumentDraft.of(current);
            d.status = DocumentStatus.PROCESSING;
            d.updatedAt = DocumentRows.nextUpdatedAt(current, clock);
            d.systemMetadataJson = SystemMetadata.queued(d.systemMetadataJson, d.updatedAt);
            return d.build();
        }, CAS_ATTEMPTS);
        queued.ifPresent(this::enqueue);
        return queued.isPresent();
    }

    /** Queues the job for a row just written as processing and wakes a worker. */
    private void enqueue(DocumentRecord row) {
        storage.enqueueJob(newJob(row.id(), new AccessScope(row.ownerId(), row.appId()), row.updatedAt()));
        workers.signal();
    }

    /**
     * Deletes a document: its row, chunks and jobs in one transaction, then its bytes and index
     * entries. A worker processing it finds it gone and writes nothing.
     *
     * @return false when it is not visible
     */
    public boolean delete(AccessScope scope, String documentId) throws IOException {
        if (!storage.deleteDocument(scope, documentId)) {
            return false;
        }
        blobs.delete(SOURCE_BUCKET, documentId + "/source");
        listener.documentRemoved(documentId);
        markSettled(documentId);
        return true;
    }

    /**
     * Waits until the document is no longer {@code processing}, or the time is up.
     *
     * @return the latest row, empty when not visible
     */
    public Optional<DocumentRecord> awaitSettled(AccessScope scope, String documentId, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            CompletableFuture<Void> signal = settled.computeIfAbsent(documentId, k -> new CompletableFuture<>());
            Optional<DocumentRecord> doc = storage.findDocument(scope, documentId);
            long left = deadline - System.nanoTime();
            if (doc.isEmpty() || !DocumentStatus.PROCESSING.equals(doc.get().status()) || left <= 0) {
                settled.remove(documentId, signal);
                return doc;
            }
            try {
                // other nodes' workers do not signal us: poll as well
                signal.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return storage.findDocument(scope, documentId);
            } catch (java.util.concurrent.ExecutionException e) {
                // never completed exceptionally
            }
        }
    }

    private void markSettled(String documentId) {
        CompletableFuture<Void> f = settled.remove(documentId);
        if (f != null) {
            f.complete(null);
        }
    }

    private JobRecord newJob(String documentId, AccessScope scope, Instant now) {
        return new JobRecord(UUID.randomUUID().toString(), documentId, JobPayload.KIND_INGEST, "queued", 0, now, null,
                null, JobPayload.of(scope), null, now);
    }

    private static String withServerKeys(String metadataJson, String id, String folderPath) {
        JsonObjectBuilder b = JsonText.copy(JsonText.parseObject(metadataJson));
        b.add("external_id", id);
        if (folderPath != null) {
            b.add("folder_name", folderPath);
        }
        return b.build().toString();
    }

    private static String storageInfo(BlobInfo blob, String filename, String contentType, boolean text) {
        JsonObjectBuilder b = JsonText.object()
                .add("bucket", blob.bucket())
                .add("key", blob.key())
                .add("size", Long.toString(blob.size()))
                .add("sha256", blob.sha256())
                .add("upload_id", UUID.randomUUID().toString())
                .add("content_type", contentType);
        if (filename != null) {
            b.add("filename", filename);
        }
        if (text) {
            b.add("source", "text");
        }
        return b.build().toString();
    }

    @Override
    public void close() {
        workers.close();
        parseExecutor.shutdownNow();
    }
}
