package quire.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Prints "label done/total unit, rate" lines while a measurement runs. */
final class Progress implements AutoCloseable {
    private final String label;
    private final String unit;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong secondary = new AtomicLong();
    private final String secondaryUnit;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer;

    Progress(String label, long total, String unit, String secondaryUnit, Duration every) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.secondaryUnit = secondaryUnit;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("bench-progress").unstarted(r));
        long ms = Math.max(100, every.toMillis());
        timer.scheduleAtFixedRate(this::print, ms, ms, TimeUnit.MILLISECONDS);
    }

    void add(long units, long secondaryUnits) {
        done.addAndGet(units);
        secondary.addAndGet(secondaryUnits);
    }

    private void print() {
        double s = (System.nanoTime() - started) / 1e9;
        long d = done.get();
        String line = String.format(Locale.ROOT, "  %s: %d/%d %s, %.2f %s/s", label, d, total, unit, d / s, unit);
        if (secondaryUnit != null) {
            line += String.format(Locale.ROOT, ", %d %s (%.1f/s)", secondary.get(), secondaryUnit, secondary.get() / s);
        }
        System.out.println(line + String.format(Locale.ROOT, ", %.0f s", s));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
