package quire.server;

import quire.spi.embedding.EmbedderInfo;

/**
 * Which model made a set of vectors: its id and vector length. Both matter: two models with the
 * same dimensions (both bundled ONNX models have 384) still put texts in different spaces.
 *
 * @param modelId    the embedder's model id
 * @param dimensions vector length
 */
record EmbeddingModel(String modelId, int dimensions) {

    /** @return the model an embedder reports */
    static EmbeddingModel of(EmbedderInfo info) {
        return new EmbeddingModel(info.modelId(), info.dimensions());
    }

    /** @return the stored form, {@code <model id>|<dimensions>} */
    String encode() {
        return modelId + "|" + dimensions;
    }

    /**
     * @param stored the stored form
     * @return the model
     * @throws IllegalArgumentException when {@code stored} is not in that form
     */
    static EmbeddingModel parse(String stored) {
        int bar = stored.lastIndexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("not an embedding model record: '" + stored + "'");
        }
        try {
            return new EmbeddingModel(stored.substring(0, bar), Integer.parseInt(stored.substring(bar + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an embedding model record: '" + stored + "'", e);
        }
    }

    /** @return operator text, e.g. {@code 'all-MiniLM-L6-v2' (384 dimensions)} */
    String describe() {
        return "'" + modelId + "' (" + dimensions + " dimensions)";
    }
}
