package quire.spi.completion;

import java.util.function.Consumer;

import quire.spi.Provider;

/**
 * Answers chat-completion requests from a language model. Implementations are thread-safe.
 *
 * <p>Structured output: when {@link CompletionRequest#jsonSchema()} is set, the result's text is
 * JSON text (any code fence removed) or the call fails with a {@link CompletionException} whose
 * {@code unavailable()} is false. A schema that is not a JSON object is a caller error
 * ({@link IllegalArgumentException}).
 */
public interface CompletionProvider extends Provider {

    /** @return the answer */
    CompletionResult complete(CompletionRequest request) throws CompletionException;

    /**
     * Streams the answer; {@code onDelta} receives non-empty text pieces in order, on the calling
     * thread. A provider may retry before the first piece was delivered, never after: a stream
     * that breaks later ends in a {@link CompletionException} after the pieces already delivered.
     * An exception thrown by {@code onDelta} aborts the stream and propagates unchanged.
     *
     * @return the final result, its text being the concatenated deltas (for structured output:
     *         the validated JSON text, without any code fence the model wrapped it in)
     */
    CompletionResult stream(CompletionRequest request, Consumer<String> onDelta) throws CompletionException;
}
