package quire.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;

/**
 * Drives documents through the server over HTTP like a client would: each of {@code concurrency}
 * client threads uploads a file, polls its status until it settles, reads its chunk count, then
 * takes the next file. Keeping a bounded number in flight makes time-to-completed mean "processing
 * time with a short queue", not "position in a queue of everything".
 */
final class EndToEnd {
    private final IngestClient client;
    private final int concurrency;
    private final Duration poll;

    /**
     * Measured result.
     *
     * @param documents   one timing per file, in completion order
     * @param wallSeconds from the first upload to the last settled document
     */
    record Result(List<DocumentTiming> documents, double wallSeconds) {
    }

    EndToEnd(IngestClient client, int concurrency, Duration poll) {
        this.client = client;
        this.concurrency = concurrency;
        this.poll = poll;
    }

    Result run(List<Path> files, String tag, Progress progress) throws IOException, InterruptedException {
        ConcurrentLinkedQueue<Path> todo = new ConcurrentLinkedQueue<>(files);
        List<DocumentTiming> done = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        // platform threads with names, so their CPU shows apart from the server's (virtual) request threads
        try (ExecutorService clients = Executors.newFixedThreadPool(concurrency,
                Thread.ofPlatform().name("bench-client-", 0).daemon(true).factory())) {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                futures.add(clients.submit(() -> {
                    for (Path file = todo.poll(); file != null; file = todo.poll()) {
                        DocumentTiming t = one(file, tag);
                        done.add(t);
                        if (progress != null) {
                            progress.add(1, t.chunks());
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                await(f);
            }
        }
        return new Result(List.copyOf(done), (System.nanoTime() - started) / 1e9);
    }

    private DocumentTiming one(Path file, String tag) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String id = client.upload(file, "{\"bench\":\"" + tag + "\"}");
        while (true) {
            JsonObject status = client.status(id);
            String s = status.getString("status", "unknown");
            if ("completed".equals(s)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                int chunks = client.document(id).getJsonArray("chunk_ids").size();
                return new DocumentTiming(id, true, chunks, seconds, null);
            }
            if ("failed".equals(s)) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new DocumentTiming(id, false, 0, seconds, status.getString("error", "Unknown error"));
            }
            Thread.sleep(poll);
        }
    }

    private static void await(Future<Void> f) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("benchmark client failed", e.getCause());
        }
    }
}
