package quire.retrieval;

/** A retrieval request that cannot be served as asked; the message is the 400 detail. */
public class RetrievalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetrievalException(String message) {
        super(message);
    }
}
