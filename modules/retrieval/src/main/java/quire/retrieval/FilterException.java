package quire.retrieval;

/**
 * A metadata filter the language does not accept. The message is the HTTP 400 {@code detail},
 * worded as Morphik words it; it quotes field names and operators, never document content.
 */
public final class FilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the 400 detail */
    public FilterException(String message) {
        super(message);
    }
}
