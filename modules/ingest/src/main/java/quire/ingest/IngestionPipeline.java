package quire.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import quire.spi.blob.BlobStore;
import quire.spi.chunker.Chunker;
import quire.spi.chunker.ChunkingOptions;
import quire.spi.chunker.TextChunk;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbeddingException;
import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;

/**
 * Runs one ingestion job: parse, chunk, embed, then store chunks and completion in one
 * transaction. Progress is written to the document as it goes, throttled by a
 * {@link ProgressReporter}; the heartbeat keeps the job's lease while it works.
 */
final class IngestionPipeline {
    private final StorageBackend storage;
    private final BlobStore blobs;
    private final ParserRegistry parsers;
    private final ContentTypeDetector detector;
    private final Chunker chunker;
    private final Embedder embedder;
    private final IngestSettings settings;
    private final Clock clock;
    private final ExecutorService parseExecutor;
    private final IngestListener listener;
    private final Path workDirectory;

    /** How often a waiting worker looks up from a parse to report progress. */
    private static final long PARSE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Re-reads before giving the job back for a retry when clients keep changing the document. */
    private static final int STORE_ATTEMPTS = 50;
    /** Re-reads before a progress write is skipped (the next one will show it). */
    private static final int PROGRESS_ATTEMPTS = 20;

    IngestionPipeline(StorageBackend storage, BlobStore blobs, ParserRegistry parsers, ContentTypeDetector detector,
                      Chunker chunker, Embedder embedder, IngestSettings settings, Clock clock,
                      ExecutorService parseExecutor, IngestListener listener, Path workDirectory) {
        this.storage = storage;
        this.blobs = blobs;
        this.parsers = parsers;
        this.detector = detector;
        this.chunker = chunker;
        this.embedder = embedder;
        this.settings = settings;
        this.clock = clock;
        this.parseExecutor = parseExecutor;
        this.listener = listener;
        this.workDirectory = workDirectory;
    }

    /** Thrown when the document disappeared (deleted) or got new content while we worked: the job just ends. */
    static final class DocumentGone extends Exception {
        private static final long serialVersionUID = 1L;

        DocumentGone() {
            super("document deleted while processing", null, false, false);
        }
    }

    /** Keeps the job's claim alive; throws when the claim was lost. */
    interface Heartbeat {
        void beat() throws IngestFailure;
    }

    /** @return the completed document; its job was deleted in the transaction that completed it */
    DocumentRecord run(JobRecord job, Heartbeat heartbeat) throws IngestFailure, DocumentGone {
        AccessScope scope = JobPayload.scope(job);
        DocumentRecord doc = reload(scope, job.documentId());
        String source = sourceGeneration(doc);
        ProgressReporter progress = new ProgressReporter(
                (step, fraction) -> progress(scope, job.documentId(), step, fraction), System::nanoTime);
        progress.step(IngestStep.PARSING);
        Path file = fetch(doc);
        try {
            String contentType = isTextIngest(doc) ? "text/plain" : detect(file, doc.filename());
            Parser parser = parsers.forType(contentType).orElseThrow(() -> new IngestFailure(
                    "Unsupported content type: " + contentType + " (supported: " + String.join(", ", parsers.supportedTypes()) + ")",
                    false, null));
            ParsedDocument parsed = parse(parser, new ParseRequest(file, contentType, doc.filename()), progress);
            heartbeat.beat();

            progress.step(IngestStep.CHUNKING);
            // the chunker's own size and overlap apply, capped by what the embedder can read
            int maxTokens = Math.max(2, embedder.embedderInfo().maxTokens());
            List<TextChunk> chunks = chunker.chunk(parsed.sections(),
                    new ChunkingOptions(maxTokens, maxTokens / 2, embedder::countTokens, embedder.countsAddUpAcrossWhitespace()));
            heartbeat.beat();

            progress.step(IngestStep.EMBEDDING);
            List<float[]> vectors = embed(chunks, heartbeat, progress);

            progress.step(IngestStep.STORING);
            return store(scope, job, source, contentType, parsed, chunks, vectors);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless; the work dir is cleaned at start
            }
        }
    }

    /** Identifies the source bytes a document points at; an update changes it. */
    private static String sourceGeneration(DocumentRecord doc) {
        JsonObject info = JsonText.parseObject(doc.storageInfoJson());
        return info.getString("key", "") + "@" + info.getString("upload_id", "");
    }

    private static boolean isTextIngest(DocumentRecord doc) {
        JsonObject storage = JsonText.parseObject(doc.storageInfoJson());
        return "text".equals(storage.getString("source", ""));
    }

    private DocumentRecord reload(AccessScope scope, String documentId) throws DocumentGone {
        return storage.findDocument(scope, documentId).orElseThrow(DocumentGone::new);
    }

    private void progress(AccessScope scope, String documentId, IngestStep step, double fraction) throws DocumentGone {
        try {
            DocumentRows.update(storage, scope, documentId, null, current -> {
                DocumentDraft d = DocumentDraft.of(current);
                d.updatedAt = DocumentRows.nextUpdatedAt(current, clock);
                d.systemMetadataJson = SystemMetadata.progressed(d.systemMetadataJson, step, fraction, d.updatedAt);
                return d.build();
            }, PROGRESS_ATTEMPTS).orElseThrow(DocumentGone::new);
        } catch (java.util.ConcurrentModificationException busy) {
            // progress is informative: a document that keeps changing just shows older progress
        }
    }

    private Path fetch(DocumentRecord doc) throws IngestFailure {
        JsonObject info = JsonText.parseObject(doc.storageInfoJson());
        String bucket = info.getString("bucket", "");
        String key = info.getString("key", "");
        try {
            Optional<InputStream> in = blobs.get(bucket, key);
            if (in.isEmpty()) {
                throw new IngestFailure("The uploaded file is missing from blob storage", false, null);
            }
            Files.createDirectories(workDirectory);
            Path tmp = Files.createTempFile(workDirectory, "ingest-", ".bin");
            try (InputStream s = in.get()) {
                Files.copy(s, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new IngestFailure("Could not read the uploaded file: " + e.getMessage(), true, e);
        }
    }

    private String detect(Path file, String filename) throws IngestFailure {
        try {
            return detector.detect(file, filename);
        } catch (IOException e) {
            throw new IngestFailure("Could not read the uploaded file: " + e.getMessage(), true, e);
        }
    }

    private ParsedDocument parse(Parser parser, ParseRequest request, ProgressReporter progress)
            throws IngestFailure, DocumentGone {
        Future<ParsedDocument> f = parseExecutor.submit(() -> parser.parse(request));
        long deadline = System.nanoTime() + settings.parseTimeout().toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    // waits in slices so that a long parse shows as "parsing"
                    return f.get(Math.max(0, Math.min(left, PARSE_SLICE_NANOS)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (deadline - System.nanoTime() <= 0) {
                        throw e;
                    }
                    try {
                        progress.tick();
                    } catch (DocumentGone gone) {
                        f.cancel(true);
                        throw gone;
                    }
                }
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IngestFailure("Parsing timed out after " + settings.parseTimeout().toSeconds() + " s", false, e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IngestFailure("Interrupted while parsing", true, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ParseException pe) {
                throw new IngestFailure("Could not parse " + request.contentType() + ": " + pe.getMessage(), false, pe);
            }
            if (c instanceof IOException io) {
                throw new IngestFailure("I/O error while parsing: " + io.getMessage(), true, io);
            }
            if (c instanceof OutOfMemoryError) {
                throw new IngestFailure("The document is too large to parse in the configured memory", false, c);
            }
            throw new IngestFailure("Parser failed: " + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage()), false, c);
        }
    }

    private List<float[]> embed(List<TextChunk> chunks, Heartbeat heartbeat, ProgressReporter progress)
            throws IngestFailure, DocumentGone {
        List<float[]> out = new ArrayList<>(chunks.size());
        int batch = settings.embedBatchSize();
        for (int i = 0; i < chunks.size(); i += batch) {
            List<String> texts = new ArrayList<>(batch);
            for (TextChunk c : chunks.subList(i, Math.min(chunks.size(), i + batch))) {
                texts.add(c.text());
            }
            try {
                out.addAll(embedder.embedPassages(texts));
            } catch (EmbeddingException e) {
                throw new IngestFailure("Embedding failed: " + e.getMessage(), e.transientFailure(), e);
            } catch (RuntimeException e) {
                throw new IngestFailure("Embedding failed: " + e.getClass().getSimpleName(), true, e);
            }
            heartbeat.beat();
            progress.fraction((double) out.size() / chunks.size());
        }
        if (out.size() != chunks.size()) {
            throw new IngestFailure("The embedder returned " + out.size() + " vectors for " + chunks.size() + " chunks", false, null);
        }
        return out;
    }

    private DocumentRecord store(AccessScope scope, JobRecord job, String source, String contentType,
                                 ParsedDocument parsed, List<TextChunk> chunks, List<float[]> vectors)
            throws DocumentGone {
        String documentId = job.documentId();
        List<ChunkRecord> records = new ArrayList<>(chunks.size());
        List<String> chunkIds = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            TextChunk c = chunks.get(i);
            JsonObjectBuilder meta = JsonText.object();
            c.metadata().forEach(meta::add);
            if (c.pageNumber() != null) {
                meta.add("page_number", c.pageNumber());
            }
            records.add(new ChunkRecord(documentId, c.number(), c.text(), meta.build().toString(), vectors.get(i), 0));
            chunkIds.add(documentId + ":" + c.number());
        }
        listener.documentRemoved(documentId);
        // compare-and-set: a client's metadata, folder or content change made while we worked is
        // never overwritten; re-read and apply our result on top of it instead
        for (int attempt = 0; ; attempt++) {
            DocumentRecord current = reload(scope, documentId);
            if (!source.equals(sourceGeneration(current))) {
                // the document got new content while we worked: the job queued with it writes the result
                throw new DocumentGone();
            }
            DocumentRecord done = completed(current, contentType, parsed, chunks.size(), chunkIds);
            // the job goes in the same transaction: a completed document never runs again
            if (storage.replaceChunksAndCompleteJob(scope, done, records, current.updatedAt(), job.id())) {
                listener.documentCompleted(done, records);
                return done;
            }
            if (attempt >= STORE_ATTEMPTS) {
                throw new IllegalStateException("document " + documentId + " kept changing while its chunks were stored");
            }
        }
    }

    private DocumentRecord completed(DocumentRecord current, String contentType, ParsedDocument parsed, int chunkCount,
                                     List<String> chunkIds) {
        DocumentDraft d = DocumentDraft.of(current);
        d.contentType = contentType;
        d.status = DocumentStatus.COMPLETED;
        d.chunkIds = chunkIds;
        d.updatedAt = DocumentRows.nextUpdatedAt(current, clock);
        d.systemMetadataJson = SystemMetadata.completed(d.systemMetadataJson, parsed.fullText(), parsed.pageCount(),
                chunkCount, d.updatedAt);
        if (!parsed.additionalMetadata().isEmpty()) {
            JsonObjectBuilder add = JsonText.copy(JsonText.parseObject(d.additionalMetadataJson));
            parsed.additionalMetadata().forEach(add::add);
            d.additionalMetadataJson = add.build().toString();
        }
        return d.build();
    }
}
