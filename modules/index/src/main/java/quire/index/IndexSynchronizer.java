package quire.index;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.ChunkStats;
import quire.spi.storage.StorageBackend;

/**
 * Keeps a {@link VectorIndex} a faithful cache of the database's chunks.
 *
 * <p>Start: restore the snapshot when it is valid for these options, otherwise rebuild from
 * {@link StorageBackend#forEachChunk}. Then (and on every {@link #refresh}) catch up with the
 * chunks stored after the applied sequence. Deletions leave no sequence behind, so after a
 * catch-up the index holds every chunk the database holds plus, possibly, chunks deleted
 * meanwhile (also while the server was down); when the counts then differ a full pass over the
 * database adds what is missing, replaces changed vectors and removes what is gone. The
 * invariant that makes the count test sound: every chunk at or below the applied sequence is in
 * the index unless its document was deleted, so the index never has fewer live chunks than
 * the database unless something was missed, which the count test also catches.
 *
 * <p>Chunks without a usable embedding (none stored, or of other dimensions) are counted but
 * not indexed. Callers that delete a document should also {@link VectorIndex#removeDocument} it
 * (after the database delete) so searches stop returning it before the next refresh.
 *
 * <p>Methods are serialised; searches on {@link #index()} run concurrently with them. Typical
 * wiring: {@link #start()} at boot, {@link #refresh()} after each ingested document and on a
 * timer ({@link #scheduleMaintenance}, which also snapshots), {@link #close()} at shutdown
 * (writes a last snapshot when anything changed).
 */
public final class IndexSynchronizer implements AutoCloseable {
    private static final int MAX_CATCH_UP_ROUNDS = 4;
    /** removed nodes tolerated before the graph is rebuilt: they cost memory and search time */
    private static final int COMPACT_AT_LEAST = 1024;

    private final StorageBackend storage;
    private final IndexOptions options;
    private final Path snapshotFile;
    private final System.Logger logger;
    private VectorIndex index;
    private long appliedSequence;
    /** keys of chunks stored without a usable vector, so counts still compare */
    private Set<ChunkKey> unindexable = new HashSet<>();
    private long savedSequence = -1;
    private int savedSize = -1;
    private final java.util.List<java.util.concurrent.ScheduledFuture<?>> scheduled = new java.util.ArrayList<>();

    /**
     * @param storage      the source of truth
     * @param options      the index's shape (dimensions and model of the configured embedder)
     * @param snapshotFile where the snapshot lives (e.g. {@code data/index/chunks.qidx})
     * @param logger       where to report rebuilds (never document text)
     */
    public IndexSynchronizer(StorageBackend storage, IndexOptions options, Path snapshotFile, System.Logger logger) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.options = Objects.requireNonNull(options, "options");
        this.snapshotFile = Objects.requireNonNull(snapshotFile, "snapshotFile");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    /** @return the index; null before {@link #start()} */
    public synchronized VectorIndex index() {
        return index;
    }

    /** @return the storage sequence the index reflects */
    public synchronized long appliedSequence() {
        return appliedSequence;
    }

    /** Loads the snapshot or rebuilds, then catches up with the database. */
    public synchronized SyncReport start() {
        String reason;
        try {
            IndexSnapshot.Loaded loaded = IndexSnapshot.read(snapshotFile, options);
            index = loaded.index();
            appliedSequence = loaded.maxSequence();
            savedSequence = appliedSequence;
            savedSize = index.size();
            unindexable = new HashSet<>();
            SyncReport caughtUp = compacted(catchUp(SyncReport.Origin.SNAPSHOT));
            logger.log(System.Logger.Level.INFO, "vector index restored from snapshot: {0} chunks, {1} added, {2} removed{3}",
                    caughtUp.size(), caughtUp.added(), caughtUp.removed(),
                    caughtUp.reason().isEmpty() ? "" : " (" + caughtUp.reason() + ")");
            return caughtUp;
        } catch (NoSuchFileException e) {
            reason = "no snapshot";
        } catch (SnapshotException e) {
            reason = e.getMessage();
        } catch (IOException e) {
            reason = "snapshot unreadable: " + e.getClass().getSimpleName();
        }
        logger.log(System.Logger.Level.INFO, "rebuilding the vector index from the database: {0}", reason);
        index = new VectorIndex(options);
        appliedSequence = 0;
        unindexable = new HashSet<>();
        long[] added = {0};
        BulkLoader loader = new BulkLoader();
        appliedSequence = storage.forEachChunk(0, chunk -> {
            if (usable(chunk)) {
                loader.offer(chunk);
                added[0]++;
            } else {
                apply(chunk);
            }
        });
        loader.flush();
        SyncReport caughtUp = catchUp(SyncReport.Origin.REBUILT);
        return new SyncReport(SyncReport.Origin.REBUILT, reason, added[0] + caughtUp.added(), caughtUp.removed(),
                caughtUp.appliedSequence(), caughtUp.size());
    }

    /** Applies the chunks stored since the last sync; removes deleted ones when counts disagree. */
    public synchronized SyncReport refresh() {
        if (index == null) {
            throw new IllegalStateException("start() first");
        }
        return compacted(catchUp(SyncReport.Origin.REFRESHED));
    }

    /** Rebuilds the graph when removed nodes outnumber half the live ones (re-ingestion churn). */
    private SyncReport compacted(SyncReport report) {
        int removed = index.removedNodes();
        if (removed >= COMPACT_AT_LEAST && removed > index.size() / 2) {
            logger.log(System.Logger.Level.INFO, "compacting the vector index: {0} removed nodes, {1} live", removed, index.size());
            index.compact();
        }
        return report;
    }

    /** Writes the snapshot (graph included) atomically, recording the applied sequence. */
    public synchronized void saveSnapshot() throws IOException {
        if (index == null) {
            throw new IllegalStateException("start() first");
        }
        IndexSnapshot.write(index, appliedSequence, snapshotFile);
        savedSequence = appliedSequence;
        savedSize = index.size();
    }

    /**
     * Writes the snapshot unless nothing changed since the last one this synchroniser wrote or
     * loaded. @return true when written
     */
    public synchronized boolean saveSnapshotIfChanged() throws IOException {
        if (index == null || (savedSequence == appliedSequence && savedSize == index.size())) {
            return false;
        }
        saveSnapshot();
        return true;
    }

    /**
     * Refreshes every {@code refreshEvery} and snapshots (when changed) every
     * {@code snapshotEvery} on the given executor, until {@link #close()}. Failures are
     * logged; the next run tries again.
     */
    public synchronized void scheduleMaintenance(java.util.concurrent.ScheduledExecutorService executor,
                                                 java.time.Duration refreshEvery, java.time.Duration snapshotEvery) {
        scheduled.add(executor.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                logger.log(System.Logger.Level.WARNING, "vector index refresh failed: " + e);
            }
        }, refreshEvery.toMillis(), refreshEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        scheduled.add(executor.scheduleWithFixedDelay(() -> {
            try {
                saveSnapshotIfChanged();
            } catch (IOException | RuntimeException e) {
                logger.log(System.Logger.Level.WARNING, "vector index snapshot failed: " + e);
            }
        }, snapshotEvery.toMillis(), snapshotEvery.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** Stops scheduled maintenance and writes a last snapshot when anything changed. */
    @Override
    public void close() {
        synchronized (this) {
            scheduled.forEach(f -> f.cancel(false));
            scheduled.clear();
        }
        try {
            saveSnapshotIfChanged();
        } catch (IOException | RuntimeException e) {
            logger.log(System.Logger.Level.WARNING, "vector index snapshot at shutdown failed: " + e);
        }
    }

    private SyncReport catchUp(SyncReport.Origin origin) {
        long added = 0;
        for (int round = 0; round < MAX_CATCH_UP_ROUNDS; round++) {
            long[] n = {0};
            appliedSequence = Math.max(appliedSequence, storage.forEachChunk(appliedSequence, chunk -> n[0] += apply(chunk) ? 1 : 0));
            added += n[0];
            ChunkStats stats = storage.chunkStats();
            if (stats.maxSequence() > appliedSequence) {
                continue; // stored while we read; go again before comparing counts
            }
            long known = (long) index.size() + unindexable.size();
            if (known == stats.count()) {
                return new SyncReport(origin, "", added, 0, appliedSequence, index.size());
            }
            String reason = "index has " + known + " chunks, database " + stats.count();
            SyncReport full = reconcile(origin, reason);
            return new SyncReport(origin, reason, added + full.added(), full.removed(), appliedSequence, index.size());
        }
        // the database keeps growing faster than we read: settle with a full pass
        return reconcile(origin, "database changed during catch-up");
    }

    /** One pass over every chunk: add the missing, replace changed vectors, remove the gone. */
    private SyncReport reconcile(SyncReport.Origin origin, String reason) {
        Set<ChunkKey> seen = new HashSet<>();
        Set<ChunkKey> vectorless = new HashSet<>();
        long[] added = {0};
        long last = storage.forEachChunk(0, chunk -> {
            seen.add(chunk.key());
            if (!usable(chunk)) {
                vectorless.add(chunk.key());
                index.remove(chunk.key());
                return;
            }
            // add() leaves a chunk whose vector did not change alone
            if (index.add(chunk.key(), chunk.embedding())) {
                added[0]++;
            }
        });
        long removed = 0;
        for (ChunkKey key : index.keys()) {
            if (!seen.contains(key) && index.remove(key)) {
                removed++;
            }
        }
        unindexable = vectorless;
        appliedSequence = Math.max(appliedSequence, last);
        logger.log(System.Logger.Level.INFO, "vector index reconciled with the database ({0}): {1} added, {2} removed",
                reason, added[0], removed);
        return new SyncReport(origin, reason, added[0], removed, appliedSequence, index.size());
    }

    /** Batches a rebuild's chunks so that every core inserts into the graph. */
    private final class BulkLoader {
        private static final int BATCH = 4096;
        /** by key, the latest wins: a chunk re-stored during the scan shows up twice, and threads add in any order */
        private final java.util.Map<ChunkKey, float[]> batch = new java.util.LinkedHashMap<>();

        void offer(ChunkRecord chunk) {
            batch.put(chunk.key(), chunk.embedding());
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            index.addAll(new java.util.ArrayList<>(batch.keySet()), new java.util.ArrayList<>(batch.values()),
                    Runtime.getRuntime().availableProcessors());
            batch.clear();
        }
    }

    private boolean apply(ChunkRecord chunk) {
        if (!usable(chunk)) {
            if (unindexable.add(chunk.key())) {
                logger.log(System.Logger.Level.WARNING, "chunk {0}#{1} has no embedding of {2} dimensions; not indexed",
                        chunk.documentId(), chunk.chunkNumber(), options.dimensions());
            }
            index.remove(chunk.key());
            return false;
        }
        unindexable.remove(chunk.key());
        // false for a chunk this node's ingestion already added: the refresh re-reads it, nothing changes
        return index.add(chunk.key(), chunk.embedding());
    }

    private boolean usable(ChunkRecord chunk) {
        float[] e = chunk.embedding();
        if (e == null || e.length != options.dimensions()) {
            return false;
        }
        double sum = 0;
        for (float v : e) {
            sum += (double) v * v;
        }
        return sum > 0 && !Double.isInfinite(sum);
    }
}
