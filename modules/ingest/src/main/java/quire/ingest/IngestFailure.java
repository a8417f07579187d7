package quire.ingest;

/**
 * Why a job stopped. {@link #transientFailure()} tells whether a retry may help; the message is
 * shown to the user as the document's {@code error} and never holds document text.
 */
final class IngestFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    IngestFailure(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    boolean transientFailure() {
        return transientFailure;
    }
}
