package quire.plugin.llm.openai;

import java.time.Duration;

import quire.spi.completion.CompletionException;

/**
 * Why one attempt failed, and whether another may succeed. Internal to the retry loop; callers see
 * a {@link CompletionException}.
 */
final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when no response arrived. */
    final int status;
    /** Another attempt may succeed (connection errors, timeouts, 408, 429, 5xx). */
    final boolean retry;
    /** The provider is unreachable, overloaded or slow (API 503) rather than wrong (API 502). */
    final boolean unavailable;
    /** The server's own Retry-After, or null. */
    final transient Duration retryAfter;
    /** Stream pieces reached the caller before the failure: never retry. */
    boolean delivered;
    int attempts = 1;

    Failure(String message, int status, boolean retry, boolean unavailable, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.retry = retry;
        this.unavailable = unavailable;
        this.retryAfter = retryAfter;
    }

    /** A failure to reach the server or to hear from it in time. */
    static Failure unreachable(String message, Throwable cause) {
        return new Failure(message, 0, true, true, null, cause);
    }

    /** An answer that cannot be used; asking again would not help. */
    static Failure invalid(String message) {
        return new Failure(message, 200, false, false, null, null);
    }

    CompletionException toException() {
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        String partial = delivered ? " (part of the answer was already streamed)" : "";
        return new CompletionException(getMessage() + tries + partial, unavailable, getCause());
    }
}
