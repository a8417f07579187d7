package quire.api.http;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.storage.UsageRecord;
import quire.usage.UsageRecorder;

/**
 * Which routes are tracked operations (spec §1.13, §4.10) and the record of one such request.
 * This table is the only place that names them: {@link ApiRouter} looks every registration up
 * here, so a route class never mentions usage, and a route registered later under a path below
 * (e.g. {@code /query}, {@code /retrieve/chunks}) is tracked as soon as it exists.
 *
 * <p>A record is made for an authenticated request just before its response goes out (so a
 * client that reads {@code /usage/*} after a response always finds it): its status is
 * {@code success} for 2xx, else {@code error} with the error detail (validation errors are
 * reduced to their types and locations: a 422 detail may echo input). {@code tokens_used} is what
 * the route counted itself ({@link TokensUsed}: a language model's usage) or else the word count
 * of the JSON body's {@code query} or {@code content} string when the route read a JSON body,
 * else 0 — Morphik's own estimate is a word count too. Metadata holds the method,
 * path and status code, never body content.
 */
public final class UsageTracking {
    private static final int ERROR_LIMIT = 500;
    private static final Pattern FOLDER_DOCUMENT = Pattern.compile("^/folders/.+/documents/[^/]+/?$");

    /** A JSON body a route parsed, kept on the request so its size can be estimated. */
    record ParsedBody(JsonValue value) {
    }

    /** Tokens a route counted itself (a language model's usage), preferred over the body's word count. */
    record TokensUsed(long tokens) {
    }

    private record Rule(Method method, String pattern, Function<ServerRequest, String> operation) {
        static Rule of(Method method, String pattern, String operation) {
            return new Rule(method, pattern, req -> operation);
        }
    }

    private static final List<Rule> RULES = List.of(
            Rule.of(Method.POST, "/ingest/text", "ingest_text"),
            Rule.of(Method.POST, "/ingest/file", "queue_ingest_file"),
            Rule.of(Method.POST, "/ingest/files", "queue_batch_ingest"),
            Rule.of(Method.POST, "/ingest/document/query", "document_query"),
            Rule.of(Method.POST, "/retrieve/chunks", "retrieve_chunks"),
            Rule.of(Method.POST, "/retrieve/chunks/grouped", "retrieve_chunks_grouped"),
            Rule.of(Method.POST, "/retrieve/docs", "retrieve_docs"),
            Rule.of(Method.POST, "/batch/documents", "batch_get_documents"),
            Rule.of(Method.POST, "/batch/chunks", "batch_get_chunks"),
            Rule.of(Method.POST, "/query", "query"),
            Rule.of(Method.POST, "/agent", "agent_query"),
            Rule.of(Method.POST, "/search/documents", "search_documents"),
            Rule.of(Method.DELETE, "/documents/{document_id}", "delete_document"),
            Rule.of(Method.POST, "/documents/{document_id}/update_text", "update_document_text"),
            Rule.of(Method.POST, "/documents/{document_id}/update_file", "update_document_file"),
            Rule.of(Method.POST, "/documents/{document_id}/update_metadata", "update_document_metadata"),
            Rule.of(Method.POST, "/folders", "create_folder"),
            Rule.of(Method.GET, "/folders", "list_folders"),
            // below /folders/ one catch-all per method serves several operations: the path tells which
            new Rule(Method.GET, "/folders/{+rest}", req -> "get_folder"),
            new Rule(Method.DELETE, "/folders/{+rest}", req -> FOLDER_DOCUMENT.matcher(req.path().rawPath()).matches()
                    ? "remove_document_from_folder" : "delete_folder"),
            new Rule(Method.POST, "/folders/{+rest}", req -> FOLDER_DOCUMENT.matcher(req.path().rawPath()).matches()
                    ? "add_document_to_folder" : null),
            Rule.of(Method.POST, "/graph/create", "create_graph"),
            Rule.of(Method.GET, "/graph", "list_graphs"),
            Rule.of(Method.GET, "/graph/{name}", "get_graph"),
            Rule.of(Method.POST, "/graph/{name}/update", "update_graph"));

    private final UsageRecorder recorder;
    private final Clock clock;

    /**
     * @param recorder where records go
     * @param clock    time of the records
     */
    public UsageTracking(UsageRecorder recorder, Clock clock) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return which operation a request to this registration is (null: not tracked), or null for an untracked route */
    static Function<ServerRequest, String> operationOf(Method method, String pattern) {
        for (Rule rule : RULES) {
            if (rule.method().equals(method) && rule.pattern().equals(pattern)) {
                return rule.operation();
            }
        }
        return null;
    }

    /** Starts the record of one request; it is written when the response is sent. */
    Capture begin(ServerRequest req, ServerResponse res, String operation, Principal principal) {
        Capture capture = new Capture(req, res, operation, principal, clock.instant(), System.nanoTime());
        res.beforeSend(capture::sent);
        return capture;
    }

    /** The record of one request in flight. */
    final class Capture {
        private final ServerRequest req;
        private final ServerResponse res;
        private final String operation;
        private final Principal principal;
        private final Instant started;
        private final long startNanos;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Throwable failure;

        private Capture(ServerRequest req, ServerResponse res, String operation, Principal principal, Instant started,
                        long startNanos) {
            this.req = req;
            this.res = res;
            this.operation = operation;
            this.principal = principal;
            this.started = started;
            this.startNanos = startNanos;
        }

        /** Remembers why the request failed, before its error response is sent. */
        void failed(Throwable e) {
            failure = e;
        }

        private void sent() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            double durationMs = (System.nanoTime() - startNanos) / 1_000_000.0;
            int code = res.status().code();
            boolean ok = code >= 200 && code < 300;
            String metadata = Json.createObjectBuilder()
                    .add("method", req.prologue().method().text())
                    .add("path", req.path().rawPath())
                    .add("status_code", code)
                    .build().toString();
            recorder.record(new UsageRecord(UUID.randomUUID().toString(), started, operation, tokens(),
                    principal.userId(), principal.appId(), durationMs, ok ? UsageRecord.SUCCESS : UsageRecord.ERROR,
                    metadata, ok ? null : error(code)));
        }

        private long tokens() {
            return req.context().get(TokensUsed.class).map(TokensUsed::tokens)
                    .or(() -> req.context().get(ParsedBody.class).map(body -> wordCount(body.value()))).orElse(0L);
        }

        private String error(int code) {
            String text = switch (failure) {
                case RequestValidationException v -> "Request validation failed: " + v.errors().stream()
                        .map(e -> e.type() + " at " + e.loc().stream().map(String::valueOf)
                                .collect(Collectors.joining(".")))
                        .collect(Collectors.joining("; "));
                case ApiException a when a.detail() instanceof JsonString s -> s.getString();
                case ApiException a -> a.detail().toString();
                case null -> res.status().reasonPhrase();
                default -> {
                    ApiException mapped = ErrorResponses.translate(failure);
                    yield mapped == null ? "Internal Server Error" : mapped.getMessage();
                }
            };
            String value = text == null || text.isBlank() ? "HTTP " + code : text;
            return value.length() <= ERROR_LIMIT ? value : value.substring(0, ERROR_LIMIT) + "...";
        }
    }

    /** @return the words of the body's {@code query} or {@code content} string, 0 without one */
    static long wordCount(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            return 0;
        }
        for (String key : List.of("query", "content")) {
            if (body.asJsonObject().get(key) instanceof JsonString s) {
                return words(s.getString());
            }
        }
        return 0;
    }

    private static long words(String text) {
        long count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
