package quire.spi.embedding;

/** Embedding failed; {@link #transientFailure()} tells the queue whether a retry may help. */
public class EmbeddingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public EmbeddingException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
