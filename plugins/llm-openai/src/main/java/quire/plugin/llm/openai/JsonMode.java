package quire.plugin.llm.openai;

import java.util.Locale;

/** How structured output is asked for; servers differ in what {@code response_format} they accept. */
enum JsonMode {
    /** {@code json_schema}, falling back to {@code json_object} then {@code prompt} when the server answers 400/422. */
    AUTO,
    /** {@code response_format: {type: json_schema, json_schema: {name, schema, strict: false}}} (OpenAI, vLLM, Ollama, llama.cpp, LM Studio). */
    JSON_SCHEMA,
    /** {@code response_format: {type: json_object}} plus the schema in the system message (older servers). */
    JSON_OBJECT,
    /** No {@code response_format}: the schema and "answer with JSON only" in the system message. */
    PROMPT;

    /** @return the mode named {@code text} (case-insensitive, dashes or underscores), or null */
    static JsonMode parse(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (JsonMode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** @return the mode to try when the server refused this one, or null */
    JsonMode fallback() {
        return switch (this) {
            case AUTO, JSON_SCHEMA -> JSON_OBJECT;
            case JSON_OBJECT -> PROMPT;
            case PROMPT -> null;
        };
    }

    /** @return the configuration spelling */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
