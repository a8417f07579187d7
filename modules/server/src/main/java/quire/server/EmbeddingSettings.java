package quire.server;

import java.util.Optional;

import quire.spi.storage.StorageBackend;

/**
 * The storage settings that tie stored vectors to the model that made them: {@value #MODEL} (the
 * model of every stored vector) and {@value #REEMBED} (present only while a re-embed is unfinished:
 * its target model and how far it got).
 */
final class EmbeddingSettings {
    /** Key of the model of the stored vectors. */
    static final String MODEL = "embedding.model";
    /** Key of an unfinished re-embed's progress. */
    static final String REEMBED = "embedding.reembed";

    private EmbeddingSettings() {
    }

    static Optional<EmbeddingModel> recordedModel(StorageBackend storage) {
        return storage.setting(MODEL).map(EmbeddingModel::parse);
    }

    static void recordModel(StorageBackend storage, EmbeddingModel model) {
        storage.putSetting(MODEL, model.encode());
    }

    static Optional<ReembedProgress> progress(StorageBackend storage) {
        return storage.setting(REEMBED).map(ReembedProgress::parse);
    }

    static void saveProgress(StorageBackend storage, ReembedProgress progress) {
        storage.putSetting(REEMBED, progress == null ? null : progress.encode());
    }
}
