package quire.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import quire.api.http.QuireServices;
import quire.catalog.FolderService;
import quire.ingest.ContentTypeSniffer;
import quire.ingest.IngestSettings;
import quire.ingest.IngestionService;
import quire.kernel.Kernel;
import quire.retrieval.RetrievalService;
import quire.spi.PluginConfig;
import quire.spi.blob.BlobStore;
import quire.spi.chunker.Chunker;
import quire.spi.embedding.Embedder;
import quire.spi.parser.Parser;
import quire.spi.rerank.Reranker;
import quire.spi.storage.StorageBackend;

/**
 * Wires the document services (ingestion queue, folders, the vector index and retrieval) from the
 * kernel's providers. They need storage, a blob store, a chunker and an embedder; without any of
 * them the document and retrieval routes are not served and the reason is logged. Start-up fails
 * when the configured embedder is not the model of the stored vectors ({@link EmbeddingGuard}).
 */
final class DocumentServices {
    private static final System.Logger LOG = System.getLogger(DocumentServices.class.getName());

    private DocumentServices() {
    }

    /**
     * @param resources collects what the server closes after ingestion (the vector index) and extra health probes
     * @return the services, or empty when a required provider is not configured
     */
    static Optional<QuireServices> create(Kernel kernel, ServerSettings settings, ServerResources resources) {
        Optional<StorageBackend> storage = kernel.provider(StorageBackend.class);
        Optional<BlobStore> blobs = kernel.provider(BlobStore.class);
        Optional<Chunker> chunker = kernel.provider(Chunker.class);
        Optional<Embedder> embedder = kernel.provider(Embedder.class);
        if (storage.isEmpty() || blobs.isEmpty() || chunker.isEmpty() || embedder.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "document routes are off: they need storage, blob-store, chunker and "
                    + "embedder providers (configured: storage=" + storage.isPresent() + ", blob-store=" + blobs.isPresent()
                    + ", chunker=" + chunker.isPresent() + ", embedder=" + embedder.isPresent() + ")");
            return Optional.empty();
        }
        // before any worker embeds a chunk or a route embeds a query with a model the stored vectors do not share
        EmbeddingGuard.check(storage.get(), embedder.get());
        PluginConfig host = kernel.hostConfig();
        Path dataDir = host.pathValue(HostProperties.DATA_DIR);
        List<Parser> parsers = kernel.providers(Parser.class);
        IngestSettings ingest = new IngestSettings(
                host.intValue(HostProperties.INGEST_WORKERS),
                host.intValue(HostProperties.INGEST_MAX_ATTEMPTS),
                host.duration(HostProperties.INGEST_RETRY_BACKOFF),
                host.duration(HostProperties.INGEST_LEASE),
                host.duration(HostProperties.INGEST_POLL_INTERVAL),
                host.intValue(HostProperties.INGEST_EMBED_BATCH_SIZE),
                host.duration(HostProperties.INGEST_PARSE_TIMEOUT));
        Clock clock = Clock.systemUTC();
        // before ingestion starts, so every completed document reaches the index
        VectorIndexService index = resources.closeLater(VectorIndexService.start(storage.get(),
                embedder.get().embedderInfo(), dataDir, host.duration(HostProperties.INDEX_REFRESH_INTERVAL),
                host.duration(HostProperties.INDEX_SNAPSHOT_INTERVAL), RetrievalWiring.selectionCacheBytes(host)));
        resources.addProbe(index.probe());
        Reranker reranker = kernel.provider(Reranker.class).orElse(null);
        resources.addProbe(RetrievalWiring.rerankerProbe(reranker));
        RetrievalService retrieval = new RetrievalService(storage.get(), index::index, embedder.get(), reranker,
                RetrievalWiring.settings(host));
        IngestionService ingestion = new IngestionService(storage.get(), blobs.get(), parsers, ContentTypeSniffer::sniff,
                chunker.get(), embedder.get(), ingest, clock, index, dataDir.resolve("work"));
        FolderService folders = new FolderService(storage.get(), clock);
        byte[] key = signingKey(host.string(HostProperties.SIGNING_KEY).orElse(null), dataDir);
        return Optional.of(new QuireServices(storage.get(), blobs.get(), ingestion, folders, clock,
                host.duration(HostProperties.INGEST_TEXT_WAIT), settings.maxBodySize(), dataDir.resolve("uploads"), key,
                retrieval, host.booleanValue(HostProperties.RETRIEVAL_USE_RERANKING)));
    }

    private static byte[] signingKey(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("signing.key");
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, "signing", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, HexFormat.of().formatHex(key), StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the download signing key " + file, e);
        }
    }
}
