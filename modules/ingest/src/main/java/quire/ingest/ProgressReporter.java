package quire.ingest;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Writes one job's progress to its document, throttled. Each write reads and updates the
 * document row (tens of milliseconds on a busy machine, more than a small document's whole
 * step), so the first write waits until the job has run {@link #FIRST_WRITE_NANOS} and later
 * ones come at most one per {@link #INTERVAL_NANOS}; a change that has to wait is written by the
 * next call once its time has come. A document that finishes quickly writes no progress at all,
 * and in between its row keeps the last progress written ({@code queued}, from submission), so
 * readers always see {@code {current_step, total_steps, step_name, percentage}} while it is
 * {@code processing}.
 */
final class ProgressReporter {
    /** A job shorter than this writes no progress. */
    static final long FIRST_WRITE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** At most one progress write per document per this interval. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Stores progress on the document. */
    @FunctionalInterface
    interface Writer {
        void write(IngestStep step, double fraction) throws IngestionPipeline.DocumentGone;
    }

    private final Writer writer;
    private final LongSupplier nanoTime;
    private long lastWrite;
    private boolean written;
    private IngestStep step = IngestStep.QUEUED;
    private double fraction;
    private IngestStep shownStep = IngestStep.QUEUED;
    private double shownFraction;

    /** @param nanoTime a monotonic clock ({@link System#nanoTime()}); the job starts now */
    ProgressReporter(Writer writer, LongSupplier nanoTime) {
        this.writer = writer;
        this.nanoTime = nanoTime;
        this.lastWrite = nanoTime.getAsLong();
    }

    /** The job entered {@code step}. */
    void step(IngestStep next) throws IngestionPipeline.DocumentGone {
        step = next;
        fraction = 0;
        tick();
    }

    /** The job is {@code f} (0..1) through its current step. */
    void fraction(double f) throws IngestionPipeline.DocumentGone {
        fraction = f;
        tick();
    }

    /** Writes the current progress if it differs from the row's and its time has come. */
    void tick() throws IngestionPipeline.DocumentGone {
        if (step == shownStep && fraction == shownFraction) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastWrite < (written ? INTERVAL_NANOS : FIRST_WRITE_NANOS)) {
            return;
        }
        writer.write(step, fraction);
        shownStep = step;
        shownFraction = fraction;
        written = true;
        lastWrite = now;
    }
}
