package quire.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import quire.kernel.Kernel;
import quire.kernel.KernelOptions;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbeddingException;

/**
 * The baseline: a fresh embedder, configured exactly like the server's (same kernel, same
 * {@code quire.embedder.*} settings), does the pipeline's embedding work and nothing else. Like
 * the ingestion workers, {@code callers} threads take one document at a time and embed its chunks
 * in calls of {@code embedBatchSize} texts, so the two measurements differ only by what the
 * pipeline adds around the model.
 */
final class RawBaseline implements AutoCloseable {
    private final Kernel kernel;
    private final Embedder embedder;
    private final ExecutorService pool;
    private final int callers;

    private RawBaseline(Kernel kernel, Embedder embedder, int callers) {
        this.kernel = kernel;
        this.embedder = embedder;
        this.callers = callers;
        // kept until close, so a CPU snapshot taken after run() still sees these threads
        this.pool = Executors.newFixedThreadPool(callers, Thread.ofPlatform().name("bench-raw-", 0).daemon(true).factory());
    }

    /** Starts a kernel holding only the embedder, with the server's embedder settings. */
    static RawBaseline open(Path dataDirectory, Map<String, String> serverOverrides, int callers) {
        Map<String, String> o = new LinkedHashMap<>();
        serverOverrides.forEach((k, v) -> {
            if (k.startsWith("quire.embedder.")) {
                o.put(k, v);
            }
        });
        Kernel kernel = Kernel.start(new KernelOptions(null, null, dataDirectory, Map.of(), o, List.of()));
        Embedder embedder = kernel.provider(Embedder.class).orElseThrow(() -> {
            kernel.close();
            return new IllegalStateException("no embedder configured for the baseline");
        });
        return new RawBaseline(kernel, embedder, callers);
    }

    /** @return wall seconds to embed every chunk of every document */
    double run(List<List<String>> documents, int embedBatchSize, Progress progress) throws InterruptedException {
        ConcurrentLinkedQueue<List<String>> todo = new ConcurrentLinkedQueue<>(documents);
        long started = System.nanoTime();
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            futures.add(pool.submit(() -> {
                for (List<String> chunks = todo.poll(); chunks != null; chunks = todo.poll()) {
                    embedDocument(chunks, embedBatchSize);
                    if (progress != null) {
                        progress.add(chunks.size(), 0);
                    }
                }
                return null;
            }));
        }
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("raw embedding failed", e.getCause());
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private void embedDocument(List<String> chunks, int batch) throws EmbeddingException {
        for (int i = 0; i < chunks.size(); i += batch) {
            List<float[]> vectors = embedder.embedPassages(chunks.subList(i, Math.min(chunks.size(), i + batch)));
            if (vectors.isEmpty()) {
                throw new IllegalStateException("the embedder returned no vectors");
            }
        }
    }

    /** @return the embedder's own description (model, threads, batch size) */
    Map<String, String> details() {
        return embedder.info().details();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        kernel.close();
    }
}
