package quire.spi.completion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to a language model.
 *
 * @param messages    the conversation, system message first when present
 * @param model       a model override, null for the provider's default
 * @param maxTokens   null for the provider's default
 * @param temperature null for the provider's default
 * @param jsonSchema  a JSON schema (a JSON object as text) for structured output, or null
 * @param options     further provider options (text values); providers ignore keys they do not know
 * @param timeout     a timeout override for this request, null for the provider's default
 */
public record CompletionRequest(List<ChatMessage> messages, String model, Integer maxTokens, Double temperature,
                                String jsonSchema, Map<String, String> options, Duration timeout) {
    public CompletionRequest {
        messages = List.copyOf(messages);
        options = options == null ? Map.of() : Map.copyOf(options);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** A request with the provider's default timeout. */
    public CompletionRequest(List<ChatMessage> messages, String model, Integer maxTokens, Double temperature,
                             String jsonSchema, Map<String, String> options) {
        this(messages, model, maxTokens, temperature, jsonSchema, options, null);
    }

    /** @return a plain-text request with every setting at the provider's default */
    public static CompletionRequest of(List<ChatMessage> messages) {
        return new CompletionRequest(messages, null, null, null, null, null, null);
    }

    /** @return this request asking for structured output under {@code schema} */
    public CompletionRequest withJsonSchema(String schema) {
        return new CompletionRequest(messages, model, maxTokens, temperature, Objects.requireNonNull(schema, "schema"),
                options, timeout);
    }

    /** @return this request with another model, null for the provider's default */
    public CompletionRequest withModel(String otherModel) {
        return new CompletionRequest(messages, otherModel, maxTokens, temperature, jsonSchema, options, timeout);
    }
}
