package quire.plugin.embeddings.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import quire.spi.PluginConfig;
import quire.spi.PluginException;

/**
 * The validated configuration of one {@code openai} embedder.
 *
 * @param endpoint      the {@code .../embeddings} URI
 * @param displayUrl    the base URL without user info, safe for logs and {@code /health}
 * @param apiKey        bearer token, null when none
 * @param dimensions    configured vector length, null to probe
 */
record OpenAiSettings(URI endpoint, String displayUrl, String apiKey, String model, Integer dimensions,
                      boolean requestDimensions, int maxTokens, boolean truncate, int batchSize, Duration timeout,
                      int maxRetries, Duration retryBackoff, String queryPrefix, String passagePrefix, boolean normalize) {

    static final String BASE_URL = "base-url";
    static final String API_KEY = "api-key";
    static final String MODEL = "model";
    static final String DIMENSIONS = "dimensions";
    static final String REQUEST_DIMENSIONS = "request-dimensions";
    static final String MAX_TOKENS = "max-tokens";
    static final String TRUNCATE = "truncate";
    static final String BATCH_SIZE = "batch-size";
    static final String TIMEOUT = "timeout";
    static final String MAX_RETRIES = "max-retries";
    static final String RETRY_BACKOFF = "retry-backoff";
    static final String QUERY_PREFIX = "query-prefix";
    static final String PASSAGE_PREFIX = "passage-prefix";
    static final String NORMALIZE = "normalize";

    @Override
    public String toString() {
        // never print the key
        return "OpenAiSettings[" + displayUrl + ", model=" + model + "]";
    }

    static OpenAiSettings from(PluginConfig config) {
        String base = config.requireString(BASE_URL).trim();
        URI baseUri;
        try {
            baseUri = new URI(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (URISyntaxException e) {
            throw new PluginException(config.path() + "." + BASE_URL + " is not a URL: " + e.getReason());
        }
        String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUri.getHost() == null) {
            throw new PluginException(config.path() + "." + BASE_URL + " must be an http(s) URL such as http://localhost:11434/v1");
        }
        String display;
        try {
            display = new URI(baseUri.getScheme(), null, baseUri.getHost(), baseUri.getPort(), baseUri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            display = baseUri.getScheme() + "://" + baseUri.getHost();
        }
        String model = config.requireString(MODEL).trim();
        if (model.isEmpty()) {
            throw new PluginException(config.path() + "." + MODEL + " must not be empty");
        }
        Integer dimensions = config.string(DIMENSIONS).filter(s -> !s.isBlank()).map(s -> config.intValue(DIMENSIONS)).orElse(null);
        if (dimensions != null && dimensions < 1) {
            throw new PluginException(config.path() + "." + DIMENSIONS + " must be positive");
        }
        boolean requestDimensions = config.booleanValue(REQUEST_DIMENSIONS);
        if (requestDimensions && dimensions == null) {
            throw new PluginException(config.path() + "." + REQUEST_DIMENSIONS + " needs " + config.path() + "." + DIMENSIONS);
        }
        int maxTokens = positive(config, MAX_TOKENS);
        int batchSize = positive(config, BATCH_SIZE);
        int maxRetries = config.intValue(MAX_RETRIES);
        if (maxRetries < 0) {
            throw new PluginException(config.path() + "." + MAX_RETRIES + " must not be negative");
        }
        Duration timeout = config.duration(TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new PluginException(config.path() + "." + TIMEOUT + " must be positive");
        }
        Duration backoff = config.duration(RETRY_BACKOFF);
        if (backoff.isNegative()) {
            throw new PluginException(config.path() + "." + RETRY_BACKOFF + " must not be negative");
        }
        String apiKey = config.string(API_KEY).filter(s -> !s.isBlank()).map(String::trim).orElse(null);
        return new OpenAiSettings(URI.create(baseUri + "/embeddings"), display, apiKey, model, dimensions,
                requestDimensions, maxTokens, config.booleanValue(TRUNCATE), batchSize, timeout, maxRetries, backoff,
                config.string(QUERY_PREFIX).orElse(""), config.string(PASSAGE_PREFIX).orElse(""),
                config.booleanValue(NORMALIZE));
    }

    private static int positive(PluginConfig config, String key) {
        int v = config.intValue(key);
        if (v < 1) {
            throw new PluginException(config.path() + "." + key + " must be at least 1, got " + v);
        }
        return v;
    }
}
