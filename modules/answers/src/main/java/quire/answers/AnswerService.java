package quire.answers;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import quire.retrieval.ChunkHit;
import quire.retrieval.RetrievalService;
import quire.spi.completion.ChatMessage;
import quire.spi.completion.CompletionException;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionRequest;
import quire.spi.completion.CompletionResult;
import quire.spi.storage.AccessScope;

/**
 * Answers a question over the caller's documents: retrieval, then the configured language model
 * with the retrieved chunks as context, or, when none is configured, an extractive answer made
 * of retrieved sentences and labelled as such.
 */
public final class AnswerService {
    /** {@link Answer#answeredBy()} of an answer no model wrote. */
    public static final String EXTRACTIVE = "extractive";

    private final RetrievalService retrieval;
    private final CompletionProvider provider;

    /**
     * @param retrieval finds the context
     * @param provider  the language model, or null for extractive answers
     */
    public AnswerService(RetrievalService retrieval, CompletionProvider provider) {
        this.retrieval = retrieval;
        this.provider = provider;
    }

    /** @return the language model in use, if any */
    public Optional<CompletionProvider> provider() {
        return Optional.ofNullable(provider);
    }

    /**
     * Answers in one piece.
     *
     * @throws CompletionException when the model is unreachable (unavailable) or answers garbage
     */
    public Answer answer(AccessScope scope, AnswerRequest request) throws CompletionException {
        List<ChunkHit> chunks = retrieval.chunks(scope, request.retrieval());
        if (provider == null) {
            return extractive(request, chunks);
        }
        CompletionResult r = provider.complete(completionRequest(request, chunks));
        return new Answer(r.text(), request.jsonSchema() != null, chunks, r.model(), false, r.finishReason(),
                r.promptTokens(), r.completionTokens());
    }

    /**
     * Answers in pieces: {@code onDelta} receives the text as it comes; the returned answer holds
     * all of it. A structured (schema) answer is not streamed: it arrives as one piece.
     */
    public Answer stream(AccessScope scope, AnswerRequest request, Consumer<String> onDelta) throws CompletionException {
        if (request.jsonSchema() != null || provider == null) {
            Answer a = answer(scope, request);
            onDelta.accept(a.text());
            return a;
        }
        List<ChunkHit> chunks = retrieval.chunks(scope, request.retrieval());
        CompletionResult r = provider.stream(completionRequest(request, chunks), onDelta);
        return new Answer(r.text(), false, chunks, r.model(), false, r.finishReason(), r.promptTokens(),
                r.completionTokens());
    }

    private static Answer extractive(AnswerRequest request, List<ChunkHit> chunks) {
        List<ChunkHit> hits = chunks.stream().filter(h -> !h.padding()).toList();
        String text = ExtractiveAnswerer.answer(request.question(), hits);
        if (request.jsonSchema() != null) {
            // no model can fill a schema: say so in the one field every schema-less reader sees
            text = quire.json.Json.createObjectBuilder()
                    .add("answer", text)
                    .add("note", "No language model is configured: this is an extractive answer quoting "
                            + "retrieved passages, not an object following the requested schema.")
                    .build().toString();
        }
        return new Answer(text, request.jsonSchema() != null, chunks, EXTRACTIVE, true, "stop", 0, 0);
    }

    private static CompletionRequest completionRequest(AnswerRequest request, List<ChunkHit> chunks) {
        List<ChatMessage> messages = PromptBuilder.messages(request, chunks);
        return new CompletionRequest(messages, request.model(), request.maxTokens(), request.temperature(),
                request.jsonSchema(), null);
    }
}
