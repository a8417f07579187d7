package quire.server;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import quire.spi.embedding.Embedder;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.ChunkStats;
import quire.spi.storage.StorageBackend;

/**
 * Refuses to start a server whose configured embedder is not the model that made the stored
 * vectors: queries would be embedded in another space (or length) than the chunks and retrieval
 * would be silently wrong. The model of the stored vectors is recorded in storage
 * ({@link EmbeddingSettings#MODEL}): when no chunk exists the configured model is recorded; data
 * from before models were recorded is adopted when its vectors have the configured length.
 */
final class EmbeddingGuard {
    /** What the operator runs to re-embed; the README shows the same text. */
    static final String REEMBED_COMMAND = "bin/quire reembed";

    private static final System.Logger LOG = System.getLogger(EmbeddingGuard.class.getName());
    private static final String HOW_TO_REEMBED = "stop every Quire node that uses this database, run `"
            + REEMBED_COMMAND + "` with the same --data and --config as `serve` (it may be interrupted and run "
            + "again: it continues where it stopped), then start the server";

    private EmbeddingGuard() {
    }

    /**
     * Checks (and on first use records) the embedding model of the stored vectors.
     *
     * @throws StartupException when the stored vectors were made by another model, or a re-embed is unfinished
     */
    static void check(StorageBackend storage, Embedder embedder) {
        EmbeddingModel configured = EmbeddingModel.of(embedder.embedderInfo());
        Optional<ReembedProgress> unfinished;
        Optional<EmbeddingModel> recorded;
        try {
            unfinished = EmbeddingSettings.progress(storage);
            recorded = EmbeddingSettings.recordedModel(storage);
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "the storage backend keeps no settings, so Quire cannot check that the stored "
                    + "vectors were made by the configured embedding model " + configured.describe());
            return;
        }
        if (unfinished.isPresent()) {
            throw new StartupException(unfinishedMessage(unfinished.get(), storage.chunkStats().count()));
        }
        ChunkStats stats = storage.chunkStats();
        if (stats.count() == 0) {
            if (!recorded.equals(Optional.of(configured))) {
                EmbeddingSettings.recordModel(storage, configured);
                LOG.log(Level.INFO, "embedding model " + configured.describe() + " recorded for the stored vectors");
            }
            return;
        }
        if (recorded.isPresent()) {
            if (!recorded.get().equals(configured)) {
                throw new StartupException(mismatchMessage("the stored vectors were made by embedding model "
                        + recorded.get().describe(), configured, "configure the embedder of model '"
                        + recorded.get().modelId() + "' again"));
            }
            return;
        }
        // Data written before models were recorded: the vector length is all there is to go by.
        for (int length : sampleLengths(storage, stats)) {
            if (length != configured.dimensions()) {
                throw new StartupException(mismatchMessage("the stored vectors have " + length
                        + " dimensions (their model was not recorded: data from an older Quire)", configured,
                        "configure the embedder that made them again"));
            }
        }
        EmbeddingSettings.recordModel(storage, configured);
        LOG.log(Level.INFO, "embedding model " + configured.describe() + " recorded for the " + stats.count()
                + " stored vectors (their length matches; their model was not recorded before)");
    }

    /** Vector lengths of the oldest and the newest chunk. */
    private static List<Integer> sampleLengths(StorageBackend storage, ChunkStats stats) {
        List<ChunkRecord> sample = new ArrayList<>(storage.chunksAfter(0, 1));
        sample.addAll(storage.chunksAfter(Math.max(0, stats.maxSequence() - 1), 1));
        List<Integer> lengths = new ArrayList<>();
        for (ChunkRecord chunk : sample) {
            if (chunk.embedding() != null) {
                lengths.add(chunk.embedding().length);
            }
        }
        return lengths;
    }

    static String mismatchMessage(String stored, EmbeddingModel configured, String configureBack) {
        return stored + ", but the configured embedder uses model " + configured.describe()
                + "; vectors of different models cannot be searched together. Either " + configureBack
                + ", or re-embed every stored chunk with model '" + configured.modelId() + "': " + HOW_TO_REEMBED + ".";
    }

    static String unfinishedMessage(ReembedProgress progress, long total) {
        return "a re-embed of the stored vectors to model " + progress.target().describe() + " is unfinished ("
                + progress.done() + " of " + total + " chunks done), so the stored vectors are a mix of two models. "
                + "Finish it with model '" + progress.target().modelId() + "' configured (with another model it "
                + "starts over): " + HOW_TO_REEMBED + ".";
    }
}
