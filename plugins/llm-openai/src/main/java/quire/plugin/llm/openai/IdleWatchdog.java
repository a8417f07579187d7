package quire.plugin.llm.openai;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that stays silent too long. The JDK client's request timeout ends when
 * the response headers arrive, so without this a server that stalls mid-answer would hold the
 * caller forever. One daemon thread per provider serves every request.
 */
final class IdleWatchdog implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;

    IdleWatchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "quire-llm-openai-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** @return a guard, armed, that closes {@code target} after {@code idle} without {@link Guard#rearm()} */
    Guard watch(Closeable target, Duration idle) {
        Guard guard = new Guard(target, idle);
        guard.rearm();
        return guard;
    }

    /** Watches one body; close it when the body is done. */
    final class Guard implements AutoCloseable {
        private final Closeable target;
        private final Duration idle;
        private ScheduledFuture<?> pending;
        private volatile boolean fired;

        private Guard(Closeable target, Duration idle) {
            this.target = target;
            this.idle = idle;
        }

        /** Restarts the silence clock: data arrived. */
        synchronized void rearm() {
            if (pending != null) {
                pending.cancel(false);
            }
            if (!fired) {
                pending = timer.schedule(this::fire, idle.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        /** @return true when the body was closed for silence */
        boolean fired() {
            return fired;
        }

        private void fire() {
            fired = true;
            try {
                target.close();
            } catch (IOException | RuntimeException e) {
                // the reader sees the closed stream either way
            }
        }

        @Override
        public synchronized void close() {
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
