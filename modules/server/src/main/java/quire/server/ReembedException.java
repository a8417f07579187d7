package quire.server;

/** Re-embedding stopped; the message says why and that running it again continues the work. */
public final class ReembedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message operator-facing text; never contains document text
     * @param cause   the underlying failure, or null
     */
    public ReembedException(String message, Throwable cause) {
        super(message, cause);
    }
}
