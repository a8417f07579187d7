package quire.server;

/** The server refuses to start; the message tells the operator what to change. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message operator-facing text; never contains secrets */
    public StartupException(String message) {
        super(message);
    }
}
