package quire.plugin.llm.openai;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionProviderFactory;

/**
 * Creates the {@code openai} completion provider for any OpenAI-compatible
 * {@code /v1/chat/completions} endpoint. Creating it does not contact the server: a language
 * model that is down must not keep Quire from starting; requests then fail as unavailable.
 */
public final class OpenAiCompletionProviderFactory implements CompletionProviderFactory {

    /** The factory id used in configuration ({@code quire.completion.openai}). */
    public static final String ID = "openai";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Chat completions from any OpenAI-compatible /v1/chat/completions endpoint "
                + "(OpenAI, Ollama, vLLM, llama.cpp server, LM Studio), streamed over SSE";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                ConfigProperty.required(OpenAiSettings.BASE_URL, ConfigType.STRING,
                        "API base URL including the version path, e.g. http://localhost:11434/v1 (Ollama), "
                                + "http://localhost:8000/v1 (vLLM), http://localhost:8080/v1 (llama.cpp), "
                                + "http://localhost:1234/v1 (LM Studio) or https://api.openai.com/v1"),
                ConfigProperty.secret(OpenAiSettings.API_KEY,
                        "Bearer token sent as the Authorization header; none is sent when unset"),
                ConfigProperty.required(OpenAiSettings.MODEL, ConfigType.STRING,
                        "Default model name, e.g. llama3.1:8b or gpt-4o-mini; a request may name another"),
                ConfigProperty.optional(OpenAiSettings.TIMEOUT, ConfigType.DURATION, "60s",
                        "Connect timeout, wait for the response, and longest silence inside a streamed answer"),
                ConfigProperty.optional(OpenAiSettings.MAX_RETRIES, ConfigType.INT, "3",
                        "Retries after a connection error, a timeout, HTTP 408, 429 or 5xx; never once streamed text was delivered"),
                ConfigProperty.optional(OpenAiSettings.RETRY_BACKOFF, ConfigType.DURATION, "500ms",
                        "First retry delay, doubled per retry with jitter (capped at 30s); retry-after-ms or Retry-After wins, "
                                + "and a Retry-After over 30s fails at once as unavailable"),
                new ConfigProperty(OpenAiSettings.MAX_TOKENS, ConfigType.INT, null, false, false,
                        "Default max_tokens for an answer; when unset the server decides"),
                new ConfigProperty(OpenAiSettings.TEMPERATURE, ConfigType.DOUBLE, null, false, false,
                        "Default sampling temperature (0 to 2); when unset the server decides"),
                ConfigProperty.optional(OpenAiSettings.JSON_MODE, ConfigType.STRING, "json_schema",
                        "How structured output is asked for: json_schema (response_format with the schema), json_object "
                                + "(response_format json_object + schema in the system message), prompt (schema in the system "
                                + "message only), or auto (json_schema, falling back to json_object then prompt when the "
                                + "server answers 400/422, remembered)"),
                ConfigProperty.optional(OpenAiSettings.STREAM_USAGE, ConfigType.BOOLEAN, "true",
                        "Send stream_options.include_usage so streamed answers report token usage; "
                                + "turn off for servers that reject the field"));
    }

    @Override
    public CompletionProvider create(PluginConfig config, PluginContext context) {
        return new OpenAiCompletionProvider(OpenAiSettings.from(config), context.logger());
    }
}
