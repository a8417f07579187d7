package quire.spi.embedding;

import java.util.List;

import quire.spi.Provider;

/** Turns text into dense vectors. Instances are thread-safe. */
public interface Embedder extends Provider {

    /** @return model facts; dimensions never change for an instance */
    EmbedderInfo embedderInfo();

    /**
     * Embeds passages (document chunks), adding a passage prefix if the model wants one.
     *
     * @param texts at most a few hundred texts
     * @return one vector per text, in order
     */
    List<float[]> embedPassages(List<String> texts) throws EmbeddingException;

    /** Embeds a query, adding a query prefix if the model wants one. */
    float[] embedQuery(String text) throws EmbeddingException;

    /** @return tokens the model would see for this text (used to size chunks) */
    int countTokens(String text);
}
