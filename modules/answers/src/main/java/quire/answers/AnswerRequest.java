package quire.answers;

import java.util.List;
import java.util.Objects;

import quire.retrieval.RetrievalQuery;
import quire.spi.completion.ChatMessage;

/**
 * One question.
 *
 * @param retrieval       what to retrieve (the query text is also the question)
 * @param history         earlier turns of the conversation, oldest first (role and content only)
 * @param systemPrompt    replaces the built-in system prompt, or null
 * @param promptTemplate  user-turn template with {@code {context}} and {@code {question}} (and
 *                        {@code {query}}), or null
 * @param inlineCitations ask for {@code [filename, page N]} after every fact
 * @param jsonSchema      JSON schema text for structured output, or null
 * @param maxTokens       null for the provider's default
 * @param temperature     null for the provider's default
 * @param model           a model override from {@code llm_config.model}, or null
 */
public record AnswerRequest(RetrievalQuery retrieval, List<ChatMessage> history, String systemPrompt,
                            String promptTemplate, boolean inlineCitations, String jsonSchema, Integer maxTokens,
                            Double temperature, String model) {
    public AnswerRequest {
        Objects.requireNonNull(retrieval, "retrieval");
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** @return the question */
    public String question() {
        return retrieval.text();
    }
}
