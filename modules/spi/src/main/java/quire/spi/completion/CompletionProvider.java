package quire.spi.completion;

import java.util.function.Consumer;

import quire.spi.Provider;

/** Answers chat-completion requests from a language model. */
public interface CompletionProvider extends Provider {

    /** @return the answer */
    CompletionResult complete(CompletionRequest request) throws CompletionException;

    /**
     * Streams the answer; {@code onDelta} receives text pieces in order.
     *
     * @return the final result, its text being the concatenated deltas
     */
    CompletionResult stream(CompletionRequest request, Consumer<String> onDelta) throws CompletionException;
}
