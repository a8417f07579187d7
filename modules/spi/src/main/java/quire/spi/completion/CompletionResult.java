package quire.spi.completion;

/**
 * @param text             the answer (JSON text for structured output)
 * @param model            the model that answered
 * @param finishReason     e.g. {@code stop}, {@code length}
 * @param promptTokens     tokens in, or 0 when unknown
 * @param completionTokens tokens out, or 0 when unknown
 */
public record CompletionResult(String text, String model, String finishReason, int promptTokens, int completionTokens) {
}
