package quire.plugin.llm.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import quire.spi.PluginConfig;
import quire.spi.PluginException;

/**
 * The validated configuration of one {@code openai} completion provider.
 *
 * @param endpoint     the {@code .../chat/completions} URI
 * @param displayUrl   the base URL without user info, query or fragment: safe for messages and {@code /health}
 * @param apiKey       bearer token, null when none
 * @param maxTokens    default {@code max_tokens}, null to let the server decide
 * @param temperature  default {@code temperature}, null to let the server decide
 * @param streamUsage  send {@code stream_options.include_usage} with streamed requests
 */
record OpenAiSettings(URI endpoint, String displayUrl, String apiKey, String model, Duration timeout, int maxRetries,
                      Duration retryBackoff, Integer maxTokens, Double temperature, JsonMode jsonMode,
                      boolean streamUsage) {

    static final String BASE_URL = "base-url";
    static final String API_KEY = "api-key";
    static final String MODEL = "model";
    static final String TIMEOUT = "timeout";
    static final String MAX_RETRIES = "max-retries";
    static final String RETRY_BACKOFF = "retry-backoff";
    static final String MAX_TOKENS = "max-tokens";
    static final String TEMPERATURE = "temperature";
    static final String JSON_MODE = "json-mode";
    static final String STREAM_USAGE = "stream-usage";

    @Override
    public String toString() {
        // never print the key
        return "OpenAiSettings[" + displayUrl + ", model=" + model + "]";
    }

    static OpenAiSettings from(PluginConfig config) {
        String base = config.requireString(BASE_URL).strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI baseUri;
        try {
            baseUri = new URI(base);
        } catch (URISyntaxException e) {
            throw new PluginException(config.path() + "." + BASE_URL + " is not a URL: " + e.getReason());
        }
        String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUri.getHost() == null
                || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
            throw new PluginException(config.path() + "." + BASE_URL
                    + " must be an http(s) URL without query, such as http://localhost:11434/v1");
        }
        String display;
        try {
            display = new URI(baseUri.getScheme(), null, baseUri.getHost(), baseUri.getPort(), baseUri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            display = baseUri.getScheme() + "://" + baseUri.getHost();
        }
        String model = config.requireString(MODEL).strip();
        if (model.isEmpty()) {
            throw new PluginException(config.path() + "." + MODEL + " must not be empty");
        }
        Duration timeout = config.duration(TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new PluginException(config.path() + "." + TIMEOUT + " must be positive");
        }
        int maxRetries = config.intValue(MAX_RETRIES);
        if (maxRetries < 0) {
            throw new PluginException(config.path() + "." + MAX_RETRIES + " must not be negative");
        }
        Duration backoff = config.duration(RETRY_BACKOFF);
        if (backoff.isNegative()) {
            throw new PluginException(config.path() + "." + RETRY_BACKOFF + " must not be negative");
        }
        Integer maxTokens = present(config, MAX_TOKENS) ? config.intValue(MAX_TOKENS) : null;
        if (maxTokens != null && maxTokens < 1) {
            throw new PluginException(config.path() + "." + MAX_TOKENS + " must be at least 1, got " + maxTokens);
        }
        Double temperature = present(config, TEMPERATURE) ? config.doubleValue(TEMPERATURE) : null;
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new PluginException(config.path() + "." + TEMPERATURE + " must be between 0 and 2, got " + temperature);
        }
        String modeText = config.string(JSON_MODE).orElse("json_schema");
        JsonMode mode = JsonMode.parse(modeText);
        if (mode == null) {
            throw new PluginException(config.path() + "." + JSON_MODE
                    + " must be one of auto, json_schema, json_object, prompt; got '" + modeText.strip() + "'");
        }
        String apiKey = config.string(API_KEY).filter(s -> !s.isBlank()).map(String::strip).orElse(null);
        boolean streamUsage = !present(config, STREAM_USAGE) || config.booleanValue(STREAM_USAGE);
        return new OpenAiSettings(URI.create(baseUri + "/chat/completions"), display, apiKey, model, timeout,
                maxRetries, backoff, maxTokens, temperature, mode, streamUsage);
    }

    private static boolean present(PluginConfig config, String key) {
        return config.string(key).filter(s -> !s.isBlank()).isPresent();
    }
}
