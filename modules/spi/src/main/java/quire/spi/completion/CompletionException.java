package quire.spi.completion;

/** The model could not answer. {@link #unavailable()} is true when the provider is unreachable or overloaded. */
public class CompletionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unavailable;

    public CompletionException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public boolean unavailable() {
        return unavailable;
    }
}
