package quire.plugin.llm.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.json.JsonObject;

import quire.spi.ProviderInfo;
import quire.spi.completion.ChatMessage;
import quire.spi.completion.CompletionException;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionRequest;
import quire.spi.completion.CompletionResult;

/**
 * A {@link CompletionProvider} over an OpenAI-compatible {@code /chat/completions} endpoint.
 * Retries what may pass on a second try (connection errors, timeouts, HTTP 408, 429 and 5xx)
 * with exponential backoff and jitter or the server's {@code Retry-After}, but never once a
 * streamed piece reached the caller. Error messages name the endpoint, model and status and the
 * server's own error text, never the API key or the prompt. Thread-safe.
 */
final class OpenAiCompletionProvider implements CompletionProvider {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    private static final int MAX_SERVER_MESSAGE = 300;

    private final OpenAiSettings settings;
    private final HttpClient http;
    private final ChatWire wire = new ChatWire();
    private final IdleWatchdog watchdog = new IdleWatchdog();
    private final System.Logger logger;
    /** With json-mode auto: the first mode this server accepted, so the fallback is paid once. */
    private final AtomicReference<JsonMode> learnedMode = new AtomicReference<>(JsonMode.JSON_SCHEMA);

    OpenAiCompletionProvider(OpenAiSettings settings, System.Logger logger) {
        this.settings = settings;
        this.logger = logger;
        // HTTP/1.1: some local servers mishandle the h2c upgrade a plain-http HTTP/2 client offers
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ProviderInfo info() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("base-url", settings.displayUrl());
        details.put("model", settings.model());
        details.put("json-mode", settings.jsonMode().configName());
        details.put("authenticated", String.valueOf(settings.apiKey() != null));
        return new ProviderInfo(OpenAiCompletionProviderFactory.ID, details);
    }

    @Override
    public CompletionResult complete(CompletionRequest request) throws CompletionException {
        return run(request, null);
    }

    @Override
    public CompletionResult stream(CompletionRequest request, Consumer<String> onDelta) throws CompletionException {
        return run(request, Objects.requireNonNull(onDelta, "onDelta"));
    }

    /** What one call needs on every attempt. */
    private record Call(String where, List<ChatMessage> messages, Duration timeout, Consumer<String> onDelta) {
        boolean streaming() {
            return onDelta != null;
        }
    }

    private CompletionResult run(CompletionRequest request, Consumer<String> onDelta) throws CompletionException {
        if (request.messages().isEmpty()) {
            throw new IllegalArgumentException("a completion request needs at least one message");
        }
        JsonObject schema = request.jsonSchema() == null ? null : wire.schema(request.jsonSchema());
        JsonMode configured = settings.jsonMode();
        JsonMode mode = schema == null ? null : configured == JsonMode.AUTO ? learnedMode.get() : configured;
        String model = request.model() == null || request.model().isBlank() ? settings.model() : request.model().strip();
        Integer maxTokens = request.maxTokens() != null ? request.maxTokens() : settings.maxTokens();
        Double temperature = request.temperature() != null ? request.temperature() : settings.temperature();
        Duration timeout = request.timeout() != null ? request.timeout() : settings.timeout();
        Call call = new Call("completion request to " + settings.displayUrl() + " (model " + model + ")",
                request.messages(), timeout, onDelta);
        while (true) {
            String body = wire.request(model, request.messages(), maxTokens, temperature, schema, mode,
                    request.options(), call.streaming(), settings.streamUsage());
            try {
                ChatWire.Answer answer = withRetries(call, body);
                String text = answer.text();
                if (schema != null) {
                    text = json(call, answer);
                    if (configured == JsonMode.AUTO && learnedMode.getAndSet(mode) != mode) {
                        JsonMode learned = mode;
                        logger.log(System.Logger.Level.INFO, () -> settings.displayUrl() + " accepts structured output as "
                                + learned.configName() + "; using it from now on");
                    }
                }
                return new CompletionResult(text, answer.model() != null ? answer.model() : model, answer.finishReason(),
                        answer.usage().promptTokens(), answer.usage().completionTokens());
            } catch (Failure failure) {
                JsonMode next = configured == JsonMode.AUTO && mode != null && !failure.delivered
                        && (failure.status == 400 || failure.status == 422) ? mode.fallback() : null;
                if (next == null) {
                    throw failure.toException();
                }
                JsonMode refused = mode;
                logger.log(System.Logger.Level.INFO, () -> call.where() + " refused structured output as "
                        + refused.configName() + " (HTTP " + failure.status + "); trying " + next.configName());
                mode = next;
            }
        }
    }

    /** @return the JSON inside the answer, or fails: a model that was asked for JSON and did not comply */
    private String json(Call call, ChatWire.Answer answer) throws Failure {
        String json = StructuredOutput.extract(answer.text(), wire::isJson);
        if (json == null) {
            boolean cut = "length".equals(answer.finishReason());
            throw Failure.invalid(call.where() + " returned an answer that is not JSON although structured output was asked for"
                    + (cut ? " (the answer was cut off at max-tokens)" : ""));
        }
        return json;
    }

    private ChatWire.Answer withRetries(Call call, String body) throws Failure {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint())
                .timeout(call.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", call.streaming() ? "text/event-stream, application/json" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest request = builder.build();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.streaming() ? streamOnce(call, request) : completeOnce(call, request);
            } catch (Failure failure) {
                failure.attempts = attempt + 1;
                if (!failure.retry || failure.delivered || attempt >= settings.maxRetries()) {
                    throw failure;
                }
                Duration delay = failure.retryAfter != null ? failure.retryAfter : backoff(attempt);
                int retry = attempt + 1;
                logger.log(System.Logger.Level.INFO, () -> failure.getMessage() + "; retry " + retry + " of "
                        + settings.maxRetries() + " in " + delay.toMillis() + " ms");
                sleep(call, delay);
            }
        }
    }

    private ChatWire.Answer completeOnce(Call call, HttpRequest request) throws Failure {
        HttpResponse<InputStream> response = send(call, request);
        try (InputStream in = response.body(); IdleWatchdog.Guard guard = watchdog.watch(in, call.timeout())) {
            if (response.statusCode() != 200) {
                throw httpFailure(call, response, read(call, in, guard, MAX_ERROR_BYTES));
            }
            return answer(call, read(call, in, guard, MAX_RESPONSE_BYTES));
        } catch (IOException e) {
            throw Failure.unreachable(call.where() + " failed: " + describe(e, call), e); // only from close()
        }
    }

    private ChatWire.Answer streamOnce(Call call, HttpRequest request) throws Failure {
        HttpResponse<InputStream> response = send(call, request);
        DeltaEmitter emitter = new DeltaEmitter(call.onDelta());
        try (InputStream in = response.body(); IdleWatchdog.Guard guard = watchdog.watch(in, call.timeout())) {
            if (response.statusCode() != 200) {
                throw httpFailure(call, response, read(call, in, guard, MAX_ERROR_BYTES));
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.contains("json") && !type.contains("event-stream")) {
                // the server ignored "stream": true and sent the whole answer
                ChatWire.Answer answer = answer(call, read(call, in, guard, MAX_RESPONSE_BYTES));
                emitter.emit(answer.text());
                emitter.flush();
                return answer;
            }
            return events(call, new SseReader(in, MAX_EVENT_BYTES, guard::rearm), guard, emitter);
        } catch (Failure failure) {
            failure.delivered = emitter.delivered();
            throw failure;
        } catch (IOException e) {
            Failure failure = Failure.unreachable(call.where() + " failed: " + describe(e, call), e);
            failure.delivered = emitter.delivered();
            throw failure;
        }
    }

    private ChatWire.Answer events(Call call, SseReader reader, IdleWatchdog.Guard guard, DeltaEmitter emitter) throws Failure {
        StringBuilder text = new StringBuilder();
        String model = null;
        String finish = null;
        ChatWire.Usage usage = ChatWire.Usage.NONE;
        boolean done = false;
        try {
            String data;
            while ((data = reader.next()) != null) {
                if (data.strip().equals("[DONE]")) {
                    done = true;
                    break;
                }
                ChatWire.Chunk chunk;
                try {
                    chunk = wire.chunk(data);
                } catch (ChatWire.MalformedResponse e) {
                    throw Failure.invalid(call.where() + " sent a malformed stream event: " + e.getMessage());
                }
                if (chunk.error() != null) {
                    throw Failure.invalid(call.where() + " reported an error in the stream: " + scrub(chunk.error(), call));
                }
                if (chunk.model() != null) {
                    model = chunk.model();
                }
                if (chunk.content() != null && !chunk.content().isEmpty()) {
                    text.append(chunk.content());
                    emitter.emit(chunk.content());
                }
                if (chunk.finishReason() != null) {
                    finish = chunk.finishReason();
                }
                if (chunk.usage() != null) {
                    usage = chunk.usage();
                }
            }
        } catch (SseReader.MalformedStream e) {
            throw Failure.invalid(call.where() + " sent a malformed stream: " + e.getMessage());
        } catch (IOException e) {
            throw Failure.unreachable(guard.fired()
                    ? call.where() + " stalled: no data for " + human(call.timeout()) + " in the middle of the stream"
                    : call.where() + " broke off in the middle of the stream: " + describe(e, call), e);
        }
        emitter.flush();
        if (!done && finish == null) {
            throw Failure.unreachable(call.where() + " ended the stream before the answer was complete", null);
        }
        return new ChatWire.Answer(text.toString(), model, finish, usage);
    }

    private HttpResponse<InputStream> send(Call call, HttpRequest request) throws Failure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw Failure.unreachable(call.where() + " could not connect within " + human(call.timeout()), e);
        } catch (HttpTimeoutException e) {
            throw Failure.unreachable(call.where() + " timed out: no response within " + human(call.timeout()), e);
        } catch (IOException e) {
            throw Failure.unreachable(call.where() + " failed: " + describe(e, call), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(call.where() + " was interrupted", 0, false, true, null, e);
        }
    }

    private String read(Call call, InputStream in, IdleWatchdog.Guard guard, int limit) throws Failure {
        try {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw Failure.invalid(call.where() + " failed: the response is larger than " + limit + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.unreachable(guard.fired()
                    ? call.where() + " timed out: the response body did not arrive within " + human(call.timeout())
                    : call.where() + " failed while reading the response: " + describe(e, call), e);
        }
    }

    private ChatWire.Answer answer(Call call, String body) throws Failure {
        try {
            return wire.answer(body);
        } catch (ChatWire.MalformedResponse e) {
            throw Failure.invalid(call.where() + " returned a malformed response: " + e.getMessage());
        }
    }

    private Failure httpFailure(Call call, HttpResponse<?> response, String body) {
        int status = response.statusCode();
        String serverText = wire.errorMessage(body);
        String message = call.where() + " failed: HTTP " + status
                + (serverText == null ? "" : " (" + scrub(serverText, call) + ")");
        boolean retry = status == 408 || status == 429 || status >= 500;
        Duration after = retry ? retryAfter(response) : null;
        if (after != null && after.compareTo(MAX_BACKOFF) > 0) {
            // waiting minutes inside a request helps nobody; say so instead
            return new Failure(message + "; the server asks to retry after " + after.toSeconds() + " s", status,
                    false, true, null, null);
        }
        return new Failure(message, status, retry, retry, after, null);
    }

    private Duration backoff(int attempt) {
        long base = settings.retryBackoff().toMillis();
        long exp = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempt, 20));
        // jitter in [exp/2, exp] spreads the retries of many callers hitting one rate limit
        long jittered = exp / 2 + (exp > 1 ? ThreadLocalRandom.current().nextLong(exp / 2 + 1) : 0);
        return Duration.ofMillis(jittered);
    }

    /** @return {@code retry-after-ms} (OpenAI) or {@code Retry-After} in seconds or as an HTTP date, or null */
    private static Duration retryAfter(HttpResponse<?> response) {
        var headers = response.headers();
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                double ms = Double.parseDouble(millis.get().strip());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return Duration.ofMillis((long) Math.ceil(ms));
                }
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        return headers.firstValue("Retry-After").map(String::strip).map(v -> {
            try {
                long seconds = Long.parseLong(v);
                return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException e) {
                try {
                    Duration until = Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return until.isNegative() ? Duration.ZERO : until;
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }).orElse(null);
    }

    private String describe(IOException e, Call call) {
        String what = e instanceof ConnectException ? "could not connect" : "I/O error";
        String detail = e.getMessage() == null ? "" : ": " + scrub(e.getMessage(), call);
        return what + " (" + e.getClass().getSimpleName() + detail + ")";
    }

    /** Keeps server text short, and withholds it when it quotes the key or the prompt (validation errors do). */
    private String scrub(String text, Call call) {
        String t = text.replaceAll("\\p{Cntrl}", " ").strip();
        String userInfo = settings.endpoint().getRawUserInfo();
        if (userInfo != null) {
            t = t.replace(userInfo, "***");
        }
        if (settings.apiKey() != null && t.contains(settings.apiKey())) {
            return "server message withheld: it quotes the API key";
        }
        for (ChatMessage message : call.messages()) {
            String probe = message.content().strip();
            probe = probe.length() > 24 ? probe.substring(0, 24) : probe;
            if (probe.length() >= 8 && t.contains(probe)) {
                return "server message withheld: it quotes the prompt";
            }
        }
        return t.length() > MAX_SERVER_MESSAGE ? t.substring(0, MAX_SERVER_MESSAGE) + "..." : t;
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static void sleep(Call call, Duration delay) throws Failure {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(call.where() + " was interrupted while waiting to retry", 0, false, true, null, e);
        }
    }

    @Override
    public void close() {
        // abort answers still streaming: the host closes providers at shutdown
        http.shutdownNow();
        watchdog.close();
    }
}
