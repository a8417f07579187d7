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

    /**
     * Whether counts add up across whitespace: for texts {@code a} and {@code b} that neither
     * start nor end with whitespace, {@code countTokens(a + " " + b) == countTokens(a) +
     * countTokens(b) - countTokens("")} (and likewise for any run of whitespace between them).
     * True when no token spans whitespace and whitespace alone yields none, as with WordPiece
     * after BERT pre-tokenization; byte-level BPE, where a word takes its leading space, is not.
     * A chunker may then size a chunk by adding up its pieces' counts instead of counting it
     * again.
     *
     * @return false unless the embedder knows its tokenizer behaves so
     */
    default boolean countsAddUpAcrossWhitespace() {
        return false;
    }
}
