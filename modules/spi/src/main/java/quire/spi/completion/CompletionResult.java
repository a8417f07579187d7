package quire.spi.completion;

/**
 * A model's answer.
 *
 * @param text             the answer (JSON text for structured output)
 * @param model            the model that answered
 * @param finishReason     e.g. {@code stop}, {@code length}; null when the provider did not say
 * @param promptTokens     tokens in, or 0 when unknown
 * @param completionTokens tokens out, or 0 when unknown
 */
public record CompletionResult(String text, String model, String finishReason, int promptTokens, int completionTokens) {

    /** @return prompt plus completion tokens, 0 when unknown */
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
