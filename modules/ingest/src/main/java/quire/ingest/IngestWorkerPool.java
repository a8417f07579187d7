package quire.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import quire.spi.storage.DocumentRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;

/**
 * Worker threads that claim jobs from the storage queue and run them. A job whose worker died
 * is reclaimed by any node once its lease expires; a transient failure is retried with backoff;
 * after {@link IngestSettings#maxAttempts()} the document is marked failed, so no document stays
 * {@code processing} forever.
 */
final class IngestWorkerPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IngestWorkerPool.class.getName());
    /** Re-reads before marking a document failed gives up (the lease expires and the job runs again). */
    private static final int MARK_FAILED_ATTEMPTS = 50;

    private final StorageBackend storage;
    private final IngestionPipeline pipeline;
    private final IngestSettings settings;
    private final Clock clock;
    private final Consumer<String> onSettled;
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object wakeup = new Object();
    private final List<Thread> threads = new ArrayList<>();

    IngestWorkerPool(StorageBackend storage, IngestionPipeline pipeline, IngestSettings settings, Clock clock,
                     Consumer<String> onSettled) {
        this.storage = storage;
        this.pipeline = pipeline;
        this.settings = settings;
        this.clock = clock;
        this.onSettled = onSettled;
    }

    void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < settings.workers(); i++) {
            String workerId = nodeId + "-" + i;
            Thread t = Thread.ofPlatform().name("quire-ingest-" + i).daemon(true).unstarted(() -> loop(workerId));
            threads.add(t);
            t.start();
        }
    }

    /** Wakes idle workers: a job was just queued. */
    void signal() {
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    private void loop(String workerId) {
        while (running.get()) {
            Optional<JobRecord> job;
            try {
                job = storage.claimJob(workerId, clock.instant(), settings.lease());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "claiming an ingestion job failed; retrying: " + e);
                job = Optional.empty();
                sleep(settings.pollInterval().multipliedBy(4));
            }
            if (job.isEmpty()) {
                synchronized (wakeup) {
                    try {
                        wakeup.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                continue;
            }
            process(job.get(), workerId);
        }
    }

    private void process(JobRecord job, String workerId) {
        long started = System.nanoTime();
        Lease lease = new Lease(job.id(), workerId);
        try {
            DocumentRecord done = pipeline.run(job, lease::beat); // deleted the job with the document's completion
            LOG.log(System.Logger.Level.INFO, "ingested document " + job.documentId() + ": "
                    + done.chunkIds().size() + " chunks in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (IngestionPipeline.DocumentGone gone) {
            storage.completeJob(job.id());
            LOG.log(System.Logger.Level.INFO, "document " + job.documentId() + " was deleted while processing");
        } catch (IngestFailure f) {
            if (lease.lost) {
                LOG.log(System.Logger.Level.WARNING, "lost the lease on job " + job.id() + "; another worker has it");
                return;
            }
            handleFailure(job, f);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "ingestion of document " + job.documentId() + " crashed", e);
            handleFailure(job, new IngestFailure("Internal error: " + e.getClass().getSimpleName(), true, e));
        }
        onSettled.accept(job.documentId());
    }

    private void handleFailure(JobRecord job, IngestFailure f) {
        boolean retry = f.transientFailure() && job.attempts() < settings.maxAttempts();
        try {
            if (retry) {
                Instant after = clock.instant().plus(settings.backoff(job.attempts()));
                storage.retryJob(job.id(), after, f.getMessage());
                LOG.log(System.Logger.Level.WARNING, "document " + job.documentId() + " attempt " + job.attempts()
                        + " failed, retrying after " + after + ": " + f.getMessage());
            } else {
                markFailed(job, f.getMessage());
                storage.failJob(job.id(), f.getMessage());
                LOG.log(System.Logger.Level.WARNING, "document " + job.documentId() + " failed: " + f.getMessage());
            }
        } catch (RuntimeException e) {
            // the lease will expire and another attempt will run; nothing is lost
            LOG.log(System.Logger.Level.ERROR, "could not record the failure of job " + job.id(), e);
        }
    }

    private void markFailed(JobRecord job, String error) {
        DocumentRows.update(storage, JobPayload.scope(job), job.documentId(), null, current -> {
            DocumentDraft d = DocumentDraft.of(current);
            d.status = DocumentStatus.FAILED;
            d.updatedAt = DocumentRows.nextUpdatedAt(current, clock);
            d.systemMetadataJson = SystemMetadata.failed(d.systemMetadataJson, error, d.updatedAt);
            return d.build();
        }, MARK_FAILED_ATTEMPTS);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Renews the job's lease at a third of its length. */
    private final class Lease {
        private final String jobId;
        private final String workerId;
        private long lastRenewal = System.nanoTime();
        private boolean lost;

        Lease(String jobId, String workerId) {
            this.jobId = jobId;
            this.workerId = workerId;
        }

        void beat() throws IngestFailure {
            if (!running.get()) {
                throw new IngestFailure("Server shutting down", true, null);
            }
            if (System.nanoTime() - lastRenewal < settings.lease().toNanos() / 3) {
                return;
            }
            if (!storage.renewJobLease(jobId, workerId, clock.instant().plus(settings.lease()))) {
                lost = true;
                throw new IngestFailure("Lost the job lease", true, null);
            }
            lastRenewal = System.nanoTime();
        }
    }

    @Override
    public void close() {
        running.set(false);
        signal();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }
}
