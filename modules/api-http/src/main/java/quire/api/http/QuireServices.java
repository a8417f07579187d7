package quire.api.http;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import quire.catalog.FolderService;
import quire.ingest.IngestionService;
import quire.spi.blob.BlobStore;
import quire.spi.storage.StorageBackend;

/**
 * The services the document, ingest and folder routes work with, wired by the server.
 *
 * @param storage         the source of truth
 * @param blobs           file bytes
 * @param ingestion       accepts and processes documents
 * @param folders         the folder tree
 * @param clock           time
 * @param textIngestWait  how long {@code /ingest/text} waits for completion before answering
 *                        {@code processing} (older SDKs query at once)
 * @param maxUploadBytes  largest accepted file
 * @param tempDirectory   scratch space for uploads being received
 * @param signingKey      secret for signed download URLs (never logged)
 * @param retrieval       semantic search over the vector index (the retrieval routes)
 * @param useRerankingByDefault rerank when a request leaves {@code use_reranking} null (and a reranker is configured)
 */
public record QuireServices(StorageBackend storage, BlobStore blobs, IngestionService ingestion, FolderService folders,
                            Clock clock, Duration textIngestWait, long maxUploadBytes, Path tempDirectory,
                            byte[] signingKey, quire.retrieval.RetrievalService retrieval,
                            boolean useRerankingByDefault) {
    public QuireServices {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(ingestion, "ingestion");
        Objects.requireNonNull(folders, "folders");
        Objects.requireNonNull(clock, "clock");
        signingKey = signingKey.clone();
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }
}
