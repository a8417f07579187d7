package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.ChunkKey;

class IndexSynchronizerTest {
    private static final int DIMS = 48;
    private static final IndexOptions OPTIONS = new IndexOptions(DIMS, "testing-model", 8, 40);
    private static final System.Logger LOGGER = System.getLogger(IndexSynchronizerTest.class.getName());

    @TempDir
    Path dir;
    private StorageFixture db;
    private Path snapshot;

    @BeforeEach
    void open() throws Exception {
        db = new StorageFixture(dir.resolve("data"), DIMS);
        snapshot = dir.resolve("index").resolve("chunks.qidx");
        for (int d = 0; d < 40; d++) {
            db.document("doc-" + d, 1 + d % 7);
        }
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private IndexSynchronizer synchronizer() {
        return new IndexSynchronizer(db.storage, OPTIONS, snapshot, LOGGER);
    }

    /** The index holds exactly the database's chunks, each with its current vector. */
    private void assertAgrees(VectorIndex index) {
        assertEquals(db.databaseKeys(), index.keys());
        assertEquals(db.stored.keySet(), index.keys());
        for (Map.Entry<ChunkKey, float[]> e : db.stored.entrySet()) {
            float[] indexed = index.vector(e.getKey()).orElseThrow();
            assertEquals(1f, Vectors.dot(indexed, e.getValue()), 1e-4f, "vector of " + e.getKey());
            assertEquals(e.getKey(), index.search(e.getValue(), 1, 40).get(0).key());
        }
    }

    @Test
    void withoutSnapshotTheIndexIsRebuiltFromTheDatabase() {
        IndexSynchronizer sync = synchronizer();
        SyncReport report = sync.start();
        assertEquals(SyncReport.Origin.REBUILT, report.origin());
        assertEquals("no snapshot", report.reason());
        assertEquals(db.stored.size(), report.added());
        assertEquals(db.storage.chunkStats().maxSequence(), report.appliedSequence());
        assertAgrees(sync.index());
    }

    @Test
    void aValidSnapshotIsUsedWithoutRebuilding() throws Exception {
        IndexSynchronizer first = synchronizer();
        first.start();
        first.saveSnapshot();
        IndexSynchronizer second = synchronizer();
        SyncReport report = second.start();
        assertEquals(SyncReport.Origin.SNAPSHOT, report.origin());
        assertEquals(0, report.added());
        assertEquals(0, report.removed());
        assertEquals("", report.reason());
        assertAgrees(second.index());
    }

    @Test
    void aStaleSnapshotIsCaughtUpIncrementally() throws Exception {
        IndexSynchronizer first = synchronizer();
        first.start();
        first.saveSnapshot();
        db.document("late-1", 5);
        db.document("late-2", 3);
        SyncReport report = synchronizer().start();
        assertEquals(SyncReport.Origin.SNAPSHOT, report.origin());
        assertEquals(8, report.added());
        assertEquals(0, report.removed());
        IndexSynchronizer third = synchronizer();
        third.start();
        assertAgrees(third.index());
    }

    @Test
    void corruptTruncatedOrForeignSnapshotsAreRebuilt() throws Exception {
        IndexSynchronizer first = synchronizer();
        first.start();
        first.saveSnapshot();
        byte[] good = Files.readAllBytes(snapshot);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(snapshot, flipped);
        IndexSynchronizer afterFlip = synchronizer();
        SyncReport report = afterFlip.start();
        assertEquals(SyncReport.Origin.REBUILT, report.origin());
        // depending on the bit, a structural check or the checksum catches it first
        assertTrue(report.reason().startsWith("snapshot"), report.reason());
        assertAgrees(afterFlip.index());

        Files.write(snapshot, Arrays.copyOf(good, good.length - 100));
        IndexSynchronizer afterTruncation = synchronizer();
        report = afterTruncation.start();
        assertEquals(SyncReport.Origin.REBUILT, report.origin());
        assertTrue(report.reason().contains("truncated"), report.reason());
        assertAgrees(afterTruncation.index());

        Files.write(snapshot, good);
        IndexSynchronizer otherModel = new IndexSynchronizer(db.storage, new IndexOptions(DIMS, "other-model", 8, 40), snapshot, LOGGER);
        report = otherModel.start();
        assertEquals(SyncReport.Origin.REBUILT, report.origin());
        assertTrue(report.reason().contains("another index"), report.reason());
    }

    @Test
    void afterACrashTheIndexAndTheDatabaseAgreeOnEveryChunk() throws Exception {
        IndexSynchronizer before = synchronizer();
        before.start();
        before.saveSnapshot();
        // what happened after the last snapshot, while the index was not watching (then the process died):
        db.delete("doc-3");                  // gone entirely
        db.delete("doc-39");                 // the newest chunks gone: max sequence goes down
        db.replaceChunks("doc-6", 2);        // re-processed with fewer chunks (was 7)
        db.replaceChunks("doc-12", 6);       // re-processed with as many chunks, new vectors
        db.document("doc-new", 4);
        db.delete("doc-new");                // added and deleted again
        db.document("doc-newer", 3);

        IndexSynchronizer after = synchronizer();
        SyncReport report = after.start();
        assertEquals(SyncReport.Origin.SNAPSHOT, report.origin());
        assertTrue(report.removed() > 0, report.toString());
        assertAgrees(after.index());
        assertFalse(after.index().contains(new ChunkKey("doc-6", 2)));
        assertFalse(after.index().contains(new ChunkKey("doc-3", 0)));
    }

    @Test
    void refreshFollowsInsertsReprocessingAndDeletes() {
        IndexSynchronizer sync = synchronizer();
        sync.start();
        db.document("fresh", 3);
        SyncReport report = sync.refresh();
        assertEquals(SyncReport.Origin.REFRESHED, report.origin());
        assertEquals(3, report.added());
        assertAgrees(sync.index());

        db.replaceChunks("fresh", 1);
        db.delete("doc-0");
        report = sync.refresh();
        assertEquals(1 + 2, report.removed(), report.toString()); // fresh#1, fresh#2 and doc-0's single chunk
        assertAgrees(sync.index());

        // a delete that the caller also applied to the index needs no full pass
        db.delete("doc-1");
        sync.index().removeDocument("doc-1");
        report = sync.refresh();
        assertEquals("", report.reason());
        assertAgrees(sync.index());
    }

    @Test
    void aRefreshDoesNotReinsertChunksThisNodeAlreadyIndexed() {
        IndexSynchronizer sync = synchronizer();
        sync.start();
        db.document("ingested", 5);
        // what the ingestion listener does when the document completes on this node
        db.storage.forEachChunk(sync.appliedSequence(), chunk -> sync.index().add(chunk.key(), chunk.embedding()));
        SyncReport report = sync.refresh();
        assertEquals(0, report.added(), report.toString());
        assertEquals(0, sync.index().removedNodes(), "a re-insert flags the old node removed");
        assertAgrees(sync.index());
    }

    @Test
    void churnIsCompactedAway() {
        IndexSynchronizer sync = synchronizer();
        sync.start();
        for (int d = 0; d < 60; d++) {
            db.document("burst-" + d, 20);
        }
        sync.refresh();
        for (int d = 0; d < 60; d++) {
            db.delete("burst-" + d);
        }
        SyncReport report = sync.refresh();
        assertEquals(1200, report.removed());
        // 1200 removed nodes against ~160 live ones: the graph was rebuilt without them
        assertEquals(0, sync.index().removedNodes());
        assertAgrees(sync.index());
    }

    @Test
    void snapshotsAreWrittenOnlyWhenSomethingChangedAndAtClose() throws Exception {
        IndexSynchronizer sync = synchronizer();
        sync.start();
        assertTrue(sync.saveSnapshotIfChanged());
        assertFalse(sync.saveSnapshotIfChanged());
        sync.refresh();
        assertFalse(sync.saveSnapshotIfChanged());
        db.document("more", 2);
        sync.refresh();
        sync.close(); // writes the last snapshot
        IndexSynchronizer next = synchronizer();
        SyncReport report = next.start();
        assertEquals(SyncReport.Origin.SNAPSHOT, report.origin());
        assertEquals(0, report.added());
        assertFalse(next.saveSnapshotIfChanged(), "a freshly loaded snapshot is not rewritten");
        assertAgrees(next.index());
    }

    @Test
    void scheduledMaintenanceRefreshesAndSnapshots() throws Exception {
        java.util.concurrent.ScheduledExecutorService executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try (IndexSynchronizer sync = synchronizer()) {
            sync.start();
            sync.scheduleMaintenance(executor, java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(20));
            db.document("scheduled", 3);
            // no timed assert: wait (bounded) until the refresh has seen it and a snapshot holds it
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!(sync.index().contains(new ChunkKey("scheduled", 2)) && Files.exists(snapshot)
                    && IndexSnapshot.read(snapshot, OPTIONS).index().contains(new ChunkKey("scheduled", 2)))) {
                assertTrue(System.nanoTime() < deadline, "maintenance never caught up");
                Thread.sleep(20);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
