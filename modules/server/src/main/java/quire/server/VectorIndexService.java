package quire.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import quire.api.http.HealthProbe;
import quire.index.IndexOptions;
import quire.index.IndexSynchronizer;
import quire.index.SyncReport;
import quire.index.VectorIndex;
import quire.ingest.IngestListener;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;

/**
 * This node's vector index: restored from {@code <data-dir>/index/chunks.qidx} or rebuilt from
 * the database at start, kept in step with this node's ingestion (as an {@link IngestListener}:
 * completed chunks are added at once, deleted or replaced documents removed at once), refreshed
 * on a timer for writes made through other nodes, snapshotted on a timer when changed, and
 * snapshotted a last time on close.
 */
final class VectorIndexService implements IngestListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("quire.index");
    /** The snapshot's file name under {@code <data-dir>/index/}. */
    static final String SNAPSHOT_FILE = "chunks.qidx";

    private final IndexSynchronizer sync;
    /**
     * The synchroniser's index, read once: only its start() creates one, and its accessor is
     * synchronised with refreshes, which searches and ingestion workers must not wait for.
     */
    private final VectorIndex index;
    private final ScheduledExecutorService maintenance;
    private final Path snapshotFile;
    private final SyncReport started;

    private VectorIndexService(IndexSynchronizer sync, ScheduledExecutorService maintenance, Path snapshotFile,
                               SyncReport started) {
        this.sync = sync;
        this.index = sync.index();
        this.maintenance = maintenance;
        this.snapshotFile = snapshotFile;
        this.started = started;
    }

    /**
     * Loads or rebuilds the index and schedules its maintenance.
     *
     * @param storage       the source of truth
     * @param embedder      the configured embedder's shape (a snapshot of another model or size is not reused)
     * @param dataDir       {@code quire.data-dir}
     * @param refreshEvery  how often to pick up chunks stored through other nodes (and deletions)
     * @param snapshotEvery how often to write the snapshot when the index changed
     * @param selectionCacheBytes room for copies of repeated filters' sketches (0: no cache of selections)
     */
    static VectorIndexService start(StorageBackend storage, EmbedderInfo embedder, Path dataDir, Duration refreshEvery,
                                    Duration snapshotEvery, long selectionCacheBytes) {
        Path file = dataDir.resolve("index").resolve(SNAPSHOT_FILE);
        IndexSynchronizer sync = new IndexSynchronizer(storage, IndexOptions.of(embedder.dimensions(), embedder.modelId()),
                file, LOG);
        SyncReport report = sync.start();
        sync.index().selectionCacheBytes(selectionCacheBytes); // the synchronizer makes its index only in start()
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quire-index-maintenance");
            t.setDaemon(true);
            return t;
        });
        sync.scheduleMaintenance(executor, refreshEvery, snapshotEvery);
        LOG.log(System.Logger.Level.INFO, "vector index ready: {0} chunks ({1})", report.size(),
                report.origin().name().toLowerCase(java.util.Locale.ROOT));
        return new VectorIndexService(sync, executor, file, report);
    }

    /** @return the live index */
    VectorIndex index() {
        return index;
    }

    @Override
    public void documentCompleted(DocumentRecord document, List<ChunkRecord> chunks) {
        for (ChunkRecord c : chunks) {
            float[] e = c.embedding();
            if (e == null || e.length != index.options().dimensions()) {
                continue; // the synchroniser counts and reports such chunks on its next pass
            }
            try {
                index.add(c.key(), e);
            } catch (IllegalArgumentException unusable) {
                // zero or non-finite vector: not searchable; the synchroniser logs it
            }
        }
    }

    @Override
    public void documentRemoved(String documentId) {
        index.removeDocument(documentId);
    }

    /** @return {@code /health}'s {@code vector_index} entry */
    HealthProbe probe() {
        return HealthProbe.of("vector_index", false, () -> !maintenance.isShutdown()).withDetails(this::details);
    }

    /**
     * Size, where the index came from and the snapshot's state; no document text. Nothing here
     * waits for a running refresh (the synchroniser's accessors would).
     */
    JsonObject details() {
        JsonObjectBuilder snapshot = Json.createObjectBuilder().add("file", snapshotFile.toString());
        try {
            FileTime saved = Files.getLastModifiedTime(snapshotFile);
            snapshot.add("state", "saved").add("saved_at", saved.toInstant().toString())
                    .add("bytes", Files.size(snapshotFile));
        } catch (IOException e) {
            snapshot.add("state", "none");
        }
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("size", index.size())
                .add("dimensions", index.options().dimensions())
                .add("model", index.options().modelId())
                .add("distance", index.distanceImplementation())
                .add("search", index.searchImplementation())
                .add("loaded_from", started.origin() == SyncReport.Origin.SNAPSHOT ? "snapshot" : "database")
                .add("snapshot", snapshot);
        if (!started.reason().isEmpty()) {
            b.add("load_reason", started.reason());
        }
        return b.build();
    }

    /** Stops maintenance and writes a last snapshot when anything changed. */
    @Override
    public void close() {
        try {
            sync.close();
        } finally {
            maintenance.shutdownNow();
        }
    }
}
