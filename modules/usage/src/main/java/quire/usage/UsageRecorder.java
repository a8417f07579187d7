package quire.usage;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import quire.spi.storage.StorageBackend;
import quire.spi.storage.UsageRecord;

/**
 * Writes usage records to storage off the request path: {@link #record} puts a record on a bounded
 * queue, one writer thread drains it in batches of at most {@code batchSize}, each batch one
 * transaction. Nothing is dropped for lack of room: when the queue is full, {@link #record} waits
 * for space (back-pressure on the caller rather than lost records). {@link #flush} waits until
 * everything recorded before it is in storage, so a reader sees the operations that finished
 * before its request; {@link #close} writes everything still queued, then stops.
 *
 * <p>A batch the database refuses is retried {@value #ATTEMPTS} times, then dropped and counted
 * ({@link #dropped()}) with one log line naming the error class only: usage must never take the
 * server down, and a log line must never carry request content.
 */
public final class UsageRecorder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UsageRecorder.class.getName());
    private static final int ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MILLIS = 200;

    /** What the queue carries: a record, a flush barrier, or the stop signal. */
    private sealed interface Item permits Entry, Barrier, Stop {
    }

    private record Entry(UsageRecord record) implements Item {
    }

    private record Barrier(CompletableFuture<Void> done) implements Item {
    }

    private record Stop() implements Item {
    }

    private final StorageBackend storage;
    private final BlockingQueue<Item> queue;
    private final int batchSize;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /**
     * Starts the writer thread.
     *
     * @param storage   where records go
     * @param capacity  how many records may wait, at least 1
     * @param batchSize most records per transaction, at least 1
     */
    public UsageRecorder(StorageBackend storage, int capacity, int batchSize) {
        this.storage = Objects.requireNonNull(storage, "storage");
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batch size must be at least 1");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.writer = Thread.ofPlatform().name("quire-usage-writer").daemon().unstarted(this::run);
        writer.start();
    }

    /**
     * Queues a record; waits for room when the queue is full. After {@link #close} the record is
     * written at once on the caller's thread (a request that finished while the server stopped).
     */
    public void record(UsageRecord record) {
        Objects.requireNonNull(record, "record");
        if (!closed) {
            try {
                queue.put(new Entry(record));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        write(List.of(record));
    }

    /** Waits until every record queued before this call has been written (or dropped after retries). */
    public void flush() {
        if (closed) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            queue.put(new Barrier(done));
            done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how many records were written */
    public long written() {
        return written.get();
    }

    /** @return how many records were dropped because storage refused them repeatedly */
    public long dropped() {
        return dropped.get();
    }

    /** Writes everything queued, then stops the writer; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(new Stop());
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a caller that saw the recorder open just before close may have queued after the writer's last look
        drainAfterStop();
    }

    private void run() {
        List<Item> items = new ArrayList<>();
        List<UsageRecord> batch = new ArrayList<>();
        while (true) {
            items.clear();
            try {
                items.add(queue.take());
            } catch (InterruptedException e) {
                // the writer is only interrupted by the JVM going down; nothing more can be done
                return;
            }
            queue.drainTo(items, batchSize * 2);
            for (Item item : items) {
                switch (item) {
                    case Entry entry -> {
                        batch.add(entry.record());
                        if (batch.size() >= batchSize) {
                            writeAndClear(batch);
                        }
                    }
                    case Barrier barrier -> {
                        writeAndClear(batch);
                        barrier.done().complete(null);
                    }
                    case Stop stop -> {
                        writeAndClear(batch);
                        drainAfterStop();
                        return;
                    }
                }
            }
            writeAndClear(batch);
        }
    }

    /** Records queued by callers that raced {@link #close}: written, barriers released. */
    private void drainAfterStop() {
        List<Item> rest = new ArrayList<>();
        queue.drainTo(rest);
        List<UsageRecord> batch = new ArrayList<>();
        for (Item item : rest) {
            if (item instanceof Entry entry) {
                batch.add(entry.record());
            } else if (item instanceof Barrier barrier) {
                barrier.done().complete(null);
            }
        }
        writeAndClear(batch);
    }

    private void writeAndClear(List<UsageRecord> batch) {
        if (!batch.isEmpty()) {
            write(List.copyOf(batch));
            batch.clear();
        }
    }

    private void write(List<UsageRecord> batch) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                storage.insertUsageRecords(batch);
                written.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                last = e;
                if (attempt < ATTEMPTS) {
                    try {
                        Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        dropped.addAndGet(batch.size());
        LOG.log(Level.ERROR, "dropped " + batch.size() + " usage records after " + ATTEMPTS + " attempts: "
                + (last == null ? "interrupted" : last.getClass().getName()));
    }
}
