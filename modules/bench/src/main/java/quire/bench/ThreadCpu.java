package quire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per thread group of this process, read from {@code /proc/self/task} (Linux). Unlike a
 * Java profiler it also sees the JIT compiler, the garbage collector and onnxruntime's native
 * threads, which is where most of the time of an ingestion run goes. Elsewhere it reports nothing.
 */
final class ThreadCpu {
    /** Linux reports utime and stime in clock ticks of 1/100 s on every common configuration. */
    private static final double TICK_SECONDS = 0.01;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    /** @return CPU ticks per thread now (empty where /proc is missing) */
    static ThreadCpu snapshot() {
        Map<String, Long> out = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return new ThreadCpu(out);
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] rest = stat.substring(close + 2).split(" ");
                    // after "pid (comm) ": state is field 3, utime 14, stime 15
                    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                    out.put(task.getFileName() + " " + name, ticks);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between list and read
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(out);
        }
        return new ThreadCpu(out);
    }

    /** Prints the thread groups (digits folded, e.g. {@code GC Thread#N}) that used the most CPU since {@code before}. */
    void printSince(ThreadCpu before, String label, PrintStream out, int top) {
        if (ticksByThread.isEmpty()) {
            return;
        }
        Map<String, Long> groups = new HashMap<>();
        ticksByThread.forEach((key, ticks) -> {
            long used = ticks - before.ticksByThread.getOrDefault(key, 0L);
            String name = key.substring(key.indexOf(' ') + 1).replaceAll("[0-9]+", "N");
            groups.merge(name, used, Long::sum);
        });
        long total = groups.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s CPU by thread (total %.1f s):",
                label, total * TICK_SECONDS));
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %.1f s;", e.getKey(), e.getValue() * TICK_SECONDS));
        }
        out.println(line);
    }
}
