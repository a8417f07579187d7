package quire.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.spi.storage.AccessScope;
import quire.spi.storage.StorageBackend;
import quire.spi.storage.UsageQuery;
import quire.spi.storage.UsageRecord;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** The recorder over real SQLite: batches, back-pressure, flush, close and a refusing database. */
class UsageRecorderTest {
    private static final AccessScope USER = new AccessScope("u1", null);

    @TempDir
    Path dir;
    StorageBackend storage;

    @BeforeEach
    void open() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        storage = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                TestingPluginContext.of(dir, "jdbc"));
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    private static UsageRecord record(int i) {
        return new UsageRecord(UUID.randomUUID().toString(), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                "op-" + (i % 3), i, "u1", null, 1.5, UsageRecord.SUCCESS, null, null);
    }

    private int stored() {
        return storage.listUsageRecords(USER, UsageQuery.all(1000)).size();
    }

    @Test
    void flushMakesEveryEarlierRecordVisibleThroughATinyQueue() {
        // capacity 2 forces callers to wait for the writer: nothing is dropped for lack of room
        try (UsageRecorder recorder = new UsageRecorder(storage, 2, 7)) {
            for (int i = 0; i < 25; i++) {
                recorder.record(record(i));
            }
            recorder.flush();
            assertEquals(25, stored());
            assertEquals(25, recorder.written());
            assertEquals(0, recorder.dropped());
            assertEquals(Map.of("op-0", 0L + 3 + 6 + 9 + 12 + 15 + 18 + 21 + 24, "op-1", 1L + 4 + 7 + 10 + 13 + 16 + 19 + 22,
                    "op-2", 2L + 5 + 8 + 11 + 14 + 17 + 20 + 23), storage.usageTokensByOperation(USER, UsageQuery.all(1)));
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndLaterRecordsAreWrittenDirectly() {
        UsageRecorder recorder = new UsageRecorder(storage, 100, 50);
        for (int i = 0; i < 10; i++) {
            recorder.record(record(i));
        }
        recorder.close();
        assertEquals(10, stored());
        recorder.record(record(10));
        recorder.flush();
        recorder.close();
        assertEquals(11, stored());
        assertEquals(11, recorder.written());
    }

    @Test
    void aBatchTheDatabaseRefusesIsDroppedAndCountedWithoutBlockingFlush() {
        try (UsageRecorder recorder = new UsageRecorder(storage, 10, 10)) {
            UsageRecord once = record(1);
            recorder.record(once);
            recorder.flush();
            assertEquals(1, stored());
            // the same id again: the database refuses the batch that holds it (however the
            // writer batches what it finds queued, that record's batch is refused as a whole)
            recorder.record(once);
            recorder.flush();
            assertEquals(1, recorder.dropped());
            assertEquals(1, stored());
            recorder.record(record(2));
            recorder.flush();
            assertEquals(2, stored());
            assertEquals(2, recorder.written());
        }
    }
}
