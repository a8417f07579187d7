package quire.spi.completion;

import java.util.List;
import java.util.Map;

/**
 * @param messages    the conversation, system message first when present
 * @param model       a model override, null for the provider's default
 * @param maxTokens   null for the provider's default
 * @param temperature null for the provider's default
 * @param jsonSchema  a JSON schema (as JSON text) for structured output, or null
 * @param options     further provider options (text values)
 */
public record CompletionRequest(List<ChatMessage> messages, String model, Integer maxTokens, Double temperature,
                                String jsonSchema, Map<String, String> options) {
    public CompletionRequest {
        messages = List.copyOf(messages);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
