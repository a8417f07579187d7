package quire.plugin.embeddings.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import quire.spi.embedding.EmbeddingException;

/**
 * Sends one batch to the embeddings endpoint, retrying what may pass on a second try
 * (connection errors, timeouts, HTTP 408, 429 and 5xx) with exponential backoff and jitter, or
 * the server's {@code Retry-After}. Error messages name the endpoint, the status and the server's
 * own error text, never the API key or the input texts.
 */
final class EmbeddingsClient implements AutoCloseable {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
    private static final int MAX_SERVER_MESSAGE = 300;

    private final OpenAiSettings settings;
    private final HttpClient http;
    private final EmbeddingsWire wire = new EmbeddingsWire();
    private final System.Logger logger;

    EmbeddingsClient(OpenAiSettings settings, System.Logger logger) {
        this.settings = settings;
        this.logger = logger;
        // HTTP/1.1: some local servers mishandle the h2c upgrade a plain-http HTTP/2 client offers
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @return one vector per input, in input order, as the server sent them */
    float[][] embed(List<String> inputs) throws EmbeddingException {
        String body = wire.request(settings.model(), inputs, settings.requestDimensions() ? settings.dimensions() : null);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            Failure failure = attempt(built, inputs);
            if (failure.vectors != null) {
                return failure.vectors;
            }
            if (!failure.retry || attempt >= settings.maxRetries()) {
                String tries = failure.retry ? " after " + (attempt + 1) + " attempts" : "";
                throw new EmbeddingException(failure.message + tries, failure.retry, failure.cause);
            }
            Duration delay = failure.retryAfter != null ? failure.retryAfter : backoff(attempt);
            int retry = attempt + 1;
            logger.log(System.Logger.Level.INFO, () -> "embedding request failed (" + failure.message + "); retry "
                    + retry + " of " + settings.maxRetries() + " in " + delay.toMillis() + " ms");
            sleep(delay);
        }
    }

    /** The outcome of one attempt: vectors, or why not and whether to try again. */
    private record Failure(float[][] vectors, String message, boolean retry, Duration retryAfter, Throwable cause) {
        static Failure ok(float[][] vectors) {
            return new Failure(vectors, null, false, null, null);
        }
    }

    private Failure attempt(HttpRequest request, List<String> inputs) throws EmbeddingException {
        String where = "embedding request to " + settings.displayUrl();
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    return new Failure(null, where + " failed: response larger than " + MAX_RESPONSE_BYTES + " bytes", false, null, null);
                }
                body = new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (HttpTimeoutException e) {
            return new Failure(null, where + " timed out after " + settings.timeout(), true, null, null);
        } catch (IOException e) {
            return new Failure(null, where + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + scrub(e.getMessage(), inputs)), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException(where + " was interrupted", true, null);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return Failure.ok(wire.vectors(body, inputs.size()));
            } catch (EmbeddingsWire.MalformedResponse e) {
                return new Failure(null, where + " returned a malformed response: " + e.getMessage(), false, null, null);
            }
        }
        String serverText = wire.errorMessage(body);
        String message = where + " failed: HTTP " + status
                + (serverText == null ? "" : " (" + scrub(serverText, inputs) + ")");
        boolean retry = status == 408 || status == 429 || status >= 500;
        return new Failure(null, message, retry, retry ? retryAfter(response) : null, null);
    }

    private Duration backoff(int attempt) {
        long base = settings.retryBackoff().toMillis();
        long exp = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempt, 20));
        // full jitter in [exp/2, exp] spreads retries of many workers hitting one rate limit
        long jittered = exp / 2 + (exp > 1 ? ThreadLocalRandom.current().nextLong(exp / 2 + 1) : 0);
        return Duration.ofMillis(jittered);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds >= 0 && seconds <= MAX_BACKOFF.toSeconds() ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException e) {
                return null; // an HTTP date: fall back to our own backoff
            }
        }).orElse(null);
    }

    /** Keeps server text short, and withholds it when it quotes the key or an input (validation errors do). */
    private String scrub(String text, List<String> inputs) {
        String t = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (settings.apiKey() != null && t.contains(settings.apiKey())) {
            return "server message withheld: it quotes the API key";
        }
        for (String input : inputs) {
            String probe = input.strip();
            probe = probe.length() > 24 ? probe.substring(0, 24) : probe;
            if (probe.length() >= 8 && t.contains(probe)) {
                return "server message withheld: it quotes the input";
            }
        }
        return t.length() > MAX_SERVER_MESSAGE ? t.substring(0, MAX_SERVER_MESSAGE) + "..." : t;
    }

    private static void sleep(Duration delay) throws EmbeddingException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting to retry an embedding request", true, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
