package quire.api.http;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import quire.answers.Answer;
import quire.answers.AnswerRequest;
import quire.answers.AnswerService;
import quire.chat.ChatMessage;
import quire.chat.ChatService;
import quire.retrieval.ChunkHit;
import quire.retrieval.RetrievalQuery;
import quire.spi.completion.CompletionException;
import quire.spi.storage.AccessScope;

/**
 * {@code POST /query} (spec §1.6, §4.3): retrieval, then an answer from the configured language
 * model with the retrieved chunks as a delimited context block of the user turn, or, without a
 * model, an extractive answer quoting the retrieved sentences, labelled {@code extractive} in
 * {@code metadata}. With {@code stream_response} the answer is sent as Morphik's SSE frames
 * (a {@code schema} turns streaming off, as at Morphik).
 *
 * <p>Model failures: unreachable, overloaded or too slow is a 503, an error or an unusable
 * answer from it is a 502, both with the reason in {@code detail} (Morphik answers an uncaught
 * 500). Once a stream has started, a failure simply ends it.
 *
 * <p>Chat ({@code chat_id}): the caller's earlier turns of the conversation go to the model;
 * after a successful answer the user turn and the answer (a structured answer JSON-encoded) are
 * appended together, so a failed model call leaves no unanswered turn behind. An id that names
 * another caller's conversation is neither read nor written: the question is answered without
 * history and nothing is stored, so conversations never leak across scopes.
 */
public final class QueryRoutes implements ApiRoutes {
    private static final System.Logger LOG = System.getLogger(QueryRoutes.class.getName());
    private static final String EXTRACTIVE_NOTE = "No language model is configured on this server: the completion "
            + "quotes the most relevant retrieved passages verbatim (an extractive answer); no model wrote it.";

    private final QuireServices services;
    private final ChatService chats;
    private final AnswerService answers;

    /**
     * @param services retrieval and folders (must carry a retrieval service)
     * @param chats    conversation histories
     * @param answers  the model, or the extractive answerer
     */
    public QueryRoutes(QuireServices services, ChatService chats, AnswerService answers) {
        this.services = Objects.requireNonNull(services, "services");
        Objects.requireNonNull(services.retrieval(), "services.retrieval()");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/query", this::query);
    }

    private void query(ServerRequest req, ServerResponse res) {
        QueryRequests.Query q = QueryRequests.query(req);
        AccessScope scope = Principal.of(req).scope();
        RetrievalQuery retrieval = RetrieveRoutes.query(services, scope, q.retrieve(), q.retrieve().padding());
        List<quire.spi.completion.ChatMessage> history = q.chatId() == null ? List.of() : history(scope, q.chatId());
        AnswerRequest request = new AnswerRequest(retrieval, history, q.systemPrompt(), q.promptTemplate(),
                q.inlineCitations(), q.jsonSchema(), q.maxTokens(), q.temperature(), q.model());
        if (q.stream() && q.jsonSchema() == null) {
            stream(scope, q, request, res);
            return;
        }
        Answer answer;
        try {
            answer = answers.answer(scope, request);
        } catch (CompletionException e) {
            throw failure(e);
        }
        remember(scope, q, answer);
        long tokens = (long) answer.promptTokens() + answer.completionTokens();
        if (tokens > 0) {
            req.context().register(new UsageTracking.TokensUsed(tokens));
        }
        JsonResponses.send(res, response(answer));
    }

    private void stream(AccessScope scope, QueryRequests.Query q, AnswerRequest request, ServerResponse res) {
        try (SseWriter sse = new SseWriter(res)) {
            try {
                Answer answer = answers.stream(scope, request, sse::assistant);
                // before the done frame: a client that reads the history after it finds both turns
                remember(scope, q, answer);
                sse.done(answer.sources());
            } catch (CompletionException e) {
                if (!sse.started()) {
                    throw failure(e);
                }
                LOG.log(Level.WARNING, "Streamed answer ended early: " + e.getMessage());
            } catch (UncheckedIOException e) {
                LOG.log(Level.DEBUG, "Client left during a streamed answer: " + e.getCause());
            } catch (RuntimeException e) {
                if (!sse.started()) {
                    throw e;
                }
                LOG.log(Level.ERROR, "Streamed answer failed after it started", e);
            }
        }
    }

    /** @return the visible conversation's turns as model messages (none for an unknown or foreign id) */
    private List<quire.spi.completion.ChatMessage> history(AccessScope scope, String chatId) {
        return chats.history(scope, chatId).stream()
                .filter(m -> ChatMessage.USER.equals(m.role()) || ChatMessage.ASSISTANT.equals(m.role()))
                .map(m -> new quire.spi.completion.ChatMessage(m.role(), m.content()))
                .toList();
    }

    /** Appends the question and its answer to the conversation, when there is one. */
    private void remember(AccessScope scope, QueryRequests.Query q, Answer answer) {
        if (q.chatId() == null) {
            return;
        }
        String question = q.retrieve().query();
        boolean stored = chats.append(scope, q.chatId(), List.of(chats.message(ChatMessage.USER, question),
                chats.message(ChatMessage.ASSISTANT, answer.text())));
        if (!stored) {
            LOG.log(Level.DEBUG, "chat_id names a conversation outside the caller's scope: answered without "
                    + "history, turns not stored");
        }
    }

    /** 503 when the model is unreachable or too slow, 502 when it failed or answered garbage. */
    private static ApiException failure(CompletionException e) {
        if (e.unavailable()) {
            return new ApiException(503, "The language model is unavailable: " + e.getMessage());
        }
        return new ApiException(502, "The language model failed to answer: " + e.getMessage());
    }

    private static JsonValue response(Answer answer) {
        JsonObjectBuilder out = Json.createObjectBuilder().add("completion", completion(answer))
                .add("usage", Json.createObjectBuilder()
                        .add("prompt_tokens", answer.promptTokens())
                        .add("completion_tokens", answer.completionTokens())
                        .add("total_tokens", (long) answer.promptTokens() + answer.completionTokens()));
        if (answer.finishReason() == null) {
            out.addNull("finish_reason");
        } else {
            out.add("finish_reason", answer.finishReason());
        }
        JsonArrayBuilder sources = Json.createArrayBuilder();
        for (ChunkHit h : answer.sources()) {
            sources.add(Json.createObjectBuilder().add("document_id", h.document().id())
                    .add("chunk_number", h.chunk().chunkNumber()).add("score", h.score()));
        }
        out.add("sources", sources);
        JsonObjectBuilder metadata = Json.createObjectBuilder().add("answered_by", answer.answeredBy())
                .add("extractive", answer.extractive());
        if (answer.extractive()) {
            metadata.add("note", EXTRACTIVE_NOTE);
        }
        return out.add("metadata", metadata).build();
    }

    /** The text, or for a structured answer the object it holds (Morphik's {@code completion: object}). */
    private static JsonValue completion(Answer answer) {
        if (answer.structured()) {
            try {
                JsonValue value = Json.createReader(new StringReader(answer.text())).readValue();
                if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                    return value;
                }
            } catch (jakarta.json.JsonException e) {
                LOG.log(Level.DEBUG, "Structured answer is not a JSON object; sent as text");
            }
        }
        return Json.createValue(answer.text());
    }
}
