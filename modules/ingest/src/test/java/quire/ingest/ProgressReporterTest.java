package quire.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Progress writes are throttled by a hand-driven clock: no real time involved. */
class ProgressReporterTest {
    private long now = 1_000_000_000L;
    private final List<String> writes = new ArrayList<>();
    private final ProgressReporter progress = new ProgressReporter(
            (step, fraction) -> writes.add(step.stepName() + " " + fraction), () -> now);

    private void advanceMillis(long ms) {
        now += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void aQuickDocumentWritesNoProgress() throws Exception {
        progress.step(IngestStep.PARSING);
        advanceMillis(30);
        progress.step(IngestStep.CHUNKING);
        advanceMillis(10);
        progress.step(IngestStep.EMBEDDING);
        for (int i = 1; i <= 4; i++) {
            advanceMillis(30);
            progress.fraction(i / 4.0);
        }
        progress.step(IngestStep.STORING);
        assertEquals(List.of(), writes, "the row keeps its queued progress until completion replaces it");
    }

    @Test
    void aSlowStepIsShownOnceTheJobHasRunLongEnough() throws Exception {
        progress.step(IngestStep.PARSING);
        advanceMillis(150);
        progress.tick();
        assertEquals(List.of(), writes);
        advanceMillis(100);
        progress.tick();
        assertEquals(List.of("parsing 0.0"), writes);
        progress.tick();
        assertEquals(1, writes.size(), "nothing changed: nothing written");
    }

    @Test
    void laterWritesComeAtMostOncePerSecondAndPendingChangesCatchUp() throws Exception {
        progress.step(IngestStep.PARSING);
        advanceMillis(300);
        progress.step(IngestStep.CHUNKING);
        assertEquals(List.of("chunking 0.0"), writes);
        progress.step(IngestStep.EMBEDDING);
        for (int batch = 1; batch <= 10; batch++) {
            advanceMillis(400);
            progress.fraction(batch / 10.0);
        }
        // 4 s of embedding in 0.4 s batches: one write per second at most
        assertEquals(List.of("chunking 0.0", "embedding 0.3", "embedding 0.6", "embedding 0.9"), writes);
        progress.step(IngestStep.STORING);
        assertEquals(4, writes.size(), "storing waits for its second");
        advanceMillis(1000);
        progress.tick();
        assertEquals("storing 0.0", writes.getLast());
    }
}
