package quire.retrieval;

/**
 * The query could not be embedded (the embedding provider is down or overloaded): a temporary
 * condition the API answers with 503, not a client error and not a bug.
 */
public class RetrievalUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetrievalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
