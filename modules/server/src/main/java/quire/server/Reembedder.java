package quire.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbeddingException;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.StorageBackend;

/**
 * Re-embeds every stored chunk with one embedder, batch by batch in storage-sequence order.
 *
 * <p>Resumable: before the first batch and after each one, the target model and the last chunk
 * sequence done are saved ({@link EmbeddingSettings#REEMBED}); a run for the same model continues
 * from there, a run for another model starts over. Chunks are only ever updated in place (text and
 * metadata untouched), so an interruption loses nothing; while the marker exists the server refuses
 * to start (the vectors are a mix). At the end the target is recorded as the model of the stored
 * vectors and the marker removed.
 */
final class Reembedder {
    private static final int TRANSIENT_RETRIES = 3;
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private final StorageBackend storage;
    private final Embedder embedder;
    private final int batchSize;
    private final PrintStream out;

    Reembedder(StorageBackend storage, Embedder embedder, int batchSize, PrintStream out) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        }
        this.storage = storage;
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.out = out;
    }

    /**
     * @return chunks re-embedded by this run
     * @throws ReembedException when the embedder fails for good; the work done so far is kept
     */
    long run() {
        EmbeddingModel target = EmbeddingModel.of(embedder.embedderInfo());
        long total = storage.chunkStats().count();
        ReembedProgress progress = new ReembedProgress(target, 0, 0);
        Optional<ReembedProgress> previous = EmbeddingSettings.progress(storage);
        if (previous.isPresent() && previous.get().target().equals(target)) {
            progress = previous.get();
            print("resuming the re-embed to model " + target.describe() + ": " + progress.done() + " of " + total
                    + " chunks were done before");
        } else {
            previous.ifPresent(p -> print("starting over: the unfinished re-embed was to model "
                    + p.target().describe() + ", the configured model is " + target.describe()));
            print("re-embedding " + total + " chunks with model " + target.describe() + ", " + batchSize
                    + " per batch");
        }
        EmbeddingSettings.saveProgress(storage, progress);

        long started = System.nanoTime();
        long lastPrint = started;
        long doneNow = 0;
        while (true) {
            List<ChunkRecord> page = storage.chunksAfter(progress.afterSequence(), batchSize);
            if (page.isEmpty()) {
                break;
            }
            storage.updateEmbeddings(withVectors(page, embed(page, progress, total), target));
            doneNow += page.size();
            progress = new ReembedProgress(target, page.getLast().sequence(), progress.done() + page.size());
            EmbeddingSettings.saveProgress(storage, progress);
            long now = System.nanoTime();
            if (now - lastPrint >= PROGRESS_EVERY_NANOS) {
                lastPrint = now;
                print(progressLine(progress.done(), total, doneNow, now - started));
            }
        }
        EmbeddingSettings.recordModel(storage, target);
        EmbeddingSettings.saveProgress(storage, null);
        long elapsed = System.nanoTime() - started;
        print(progressLine(progress.done(), total, doneNow, elapsed));
        print("done: re-embedded " + doneNow + " chunks in " + String.format(Locale.ROOT, "%.1f", elapsed / 1e9)
                + " s; the stored vectors are now recorded as model " + target.describe());
        return doneNow;
    }

    private List<float[]> embed(List<ChunkRecord> page, ReembedProgress progress, long total) {
        List<String> texts = page.stream().map(ChunkRecord::content).toList();
        for (int attempt = 0; ; attempt++) {
            try {
                return embedder.embedPassages(texts);
            } catch (EmbeddingException e) {
                if (!e.transientFailure() || attempt >= TRANSIENT_RETRIES) {
                    throw new ReembedException("the embedder failed after " + progress.done() + " of " + total
                            + " chunks: " + e.getMessage() + "; the work done is kept: run `"
                            + EmbeddingGuard.REEMBED_COMMAND + "` again to continue", e);
                }
                sleep(1000L << attempt);
            }
        }
    }

    private static List<ChunkRecord> withVectors(List<ChunkRecord> page, List<float[]> vectors, EmbeddingModel target) {
        if (vectors.size() != page.size()) {
            throw new ReembedException("the embedder returned " + vectors.size() + " vectors for " + page.size()
                    + " chunks", null);
        }
        List<ChunkRecord> out = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            ChunkRecord c = page.get(i);
            float[] vector = vectors.get(i);
            if (vector == null || vector.length != target.dimensions()) {
                throw new ReembedException("the embedder returned a vector of " + (vector == null ? 0 : vector.length)
                        + " dimensions but reports " + target.dimensions(), null);
            }
            out.add(new ChunkRecord(c.documentId(), c.chunkNumber(), c.content(), c.metadataJson(), vector, c.sequence()));
        }
        return out;
    }

    private static String progressLine(long done, long total, long doneNow, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        long shown = Math.max(total, done);
        return String.format(Locale.ROOT, "re-embedded %d/%d chunks (%.0f%%), %.1f chunks/s", done, shown,
                shown == 0 ? 100.0 : 100.0 * done / shown, doneNow / seconds);
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReembedException("interrupted; the work done is kept: run `" + EmbeddingGuard.REEMBED_COMMAND
                    + "` again to continue", e);
        }
    }
}
