package quire.spi.completion;

/**
 * The model could not answer. {@link #unavailable()} is true when the provider is unreachable,
 * overloaded or too slow (the API answers 503); false when it answered with an error or with
 * something unusable, e.g. HTTP 400/401/404, malformed JSON, non-JSON structured output (502).
 * The message names the endpoint and the status, never a secret or the prompt text.
 */
public class CompletionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean unavailable;

    public CompletionException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public CompletionException(String message, boolean unavailable) {
        this(message, unavailable, null);
    }

    public boolean unavailable() {
        return unavailable;
    }
}
