package quire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import quire.spi.embedding.EmbedderInfo;

/** The stored forms of the embedding-model record and of re-embed progress round-trip. */
class EmbeddingModelTest {

    @Test
    void modelRoundTripsEvenWithBarsInTheId() {
        EmbeddingModel model = EmbeddingModel.of(new EmbedderInfo("org/model|v2", 384, 256, true, "cosine"));
        assertEquals("org/model|v2|384", model.encode());
        assertEquals(model, EmbeddingModel.parse(model.encode()));
        assertEquals("'org/model|v2' (384 dimensions)", model.describe());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingModel.parse("no-dimensions"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingModel.parse("m|many"));
    }

    @Test
    void progressRoundTripsWithSpacesInTheModelId() {
        ReembedProgress progress = new ReembedProgress(new EmbeddingModel("a model", 32), 1234, 56);
        assertEquals("1234 56 a model|32", progress.encode());
        assertEquals(progress, ReembedProgress.parse(progress.encode()));
        assertThrows(IllegalArgumentException.class, () -> ReembedProgress.parse("12 m|3"));
        assertThrows(IllegalArgumentException.class, () -> ReembedProgress.parse("x 1 m|3"));
    }
}
