package quire.plugin.llm.openai;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;

import quire.spi.completion.ChatMessage;

/**
 * The OpenAI chat-completions wire format: the request body, a whole response, one streamed
 * chunk, and a server's error text. Parse failures never carry the body (it may quote the prompt).
 */
final class ChatWire {
    /** Request options passed through from {@code CompletionRequest.options()}, by wire type. */
    private static final Map<String, Class<?>> OPTIONS = Map.of(
            "top_p", Double.class, "presence_penalty", Double.class, "frequency_penalty", Double.class,
            "seed", Long.class, "stop", String.class);

    private final JsonProvider json = provider();

    /** A response that is not the expected shape. */
    static final class MalformedResponse extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedResponse(String message) {
            super(message, null, false, false);
        }
    }

    /** Token counts; zero when the server did not say. */
    record Usage(int promptTokens, int completionTokens) {
        static final Usage NONE = new Usage(0, 0);
    }

    /** A whole (non-streamed) answer. */
    record Answer(String text, String model, String finishReason, Usage usage) {
    }

    /**
     * One streamed chunk.
     *
     * @param content      the text piece, null when none
     * @param finishReason set on the last content chunk
     * @param usage        set on the usage chunk ({@code stream_options.include_usage}), else null
     * @param error        a server's in-stream error message, else null
     */
    record Chunk(String content, String finishReason, String model, Usage usage, String error) {
    }

    /**
     * Finds Parsson in the plugin's own module layer: the API's {@code JsonProvider.provider()}
     * searches the thread context class loader, which does not see a plugin layer.
     */
    private static JsonProvider provider() {
        ModuleLayer layer = ChatWire.class.getModule().getLayer();
        if (layer != null) {
            var found = ServiceLoader.load(layer, JsonProvider.class).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        return JsonProvider.provider();
    }

    /**
     * @param schema       the parsed schema, null for plain text
     * @param mode         how to ask for JSON when {@code schema} is set (never {@link JsonMode#AUTO})
     * @param streamUsage  ask for a final usage chunk when streaming
     */
    String request(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                   JsonObject schema, JsonMode mode, Map<String, String> options, boolean stream, boolean streamUsage) {
        JsonObjectBuilder body = json.createObjectBuilder().add("model", model);
        JsonArrayBuilder list = json.createArrayBuilder();
        for (ChatMessage message : schema != null && mode != JsonMode.JSON_SCHEMA
                ? StructuredOutput.withInstruction(messages, write(schema)) : messages) {
            list.add(json.createObjectBuilder().add("role", message.role()).add("content", message.content()));
        }
        body.add("messages", list);
        if (maxTokens != null) {
            body.add("max_tokens", maxTokens);
        }
        if (temperature != null) {
            body.add("temperature", temperature);
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            addOption(body, option.getKey(), option.getValue());
        }
        if (schema != null && mode == JsonMode.JSON_SCHEMA) {
            body.add("response_format", json.createObjectBuilder()
                    .add("type", "json_schema")
                    .add("json_schema", json.createObjectBuilder()
                            .add("name", "answer")
                            // strict needs every property required and additionalProperties false; callers' schemas rarely are
                            .add("schema", schema).add("strict", false)));
        } else if (schema != null && mode == JsonMode.JSON_OBJECT) {
            body.add("response_format", json.createObjectBuilder().add("type", "json_object"));
        }
        body.add("stream", stream);
        if (stream && streamUsage) {
            body.add("stream_options", json.createObjectBuilder().add("include_usage", true));
        }
        return write(body.build());
    }

    private void addOption(JsonObjectBuilder body, String key, String value) {
        Class<?> type = OPTIONS.get(key);
        if (type == null || value == null || value.isBlank()) {
            return; // the SPI says unknown options are ignored
        }
        try {
            if (type == Double.class) {
                body.add(key, Double.parseDouble(value.strip()));
            } else if (type == Long.class) {
                body.add(key, Long.parseLong(value.strip()));
            } else {
                body.add(key, value);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " is not a number: " + value);
        }
    }

    /** @return the schema object; a caller error when it is not a JSON object */
    JsonObject schema(String text) {
        try (var reader = json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the JSON schema is not a JSON object", e);
        }
    }

    /** @return true when {@code text} is one JSON value and nothing else */
    boolean isJson(String text) {
        // a parser, not a reader: JsonReader.readValue() ignores what follows the first value
        try (var parser = json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return false;
            }
            parser.next();
            parser.getValue();
            return !parser.hasNext();
        } catch (RuntimeException e) {
            return false;
        }
    }

    Answer answer(String body) throws MalformedResponse {
        JsonObject root = object(body, "the response is not a JSON object");
        String error = errorIn(root);
        if (error != null) {
            throw new MalformedResponse("the server answered with an error: " + error);
        }
        if (!(root.get("choices") instanceof jakarta.json.JsonArray choices) || choices.isEmpty()) {
            throw new MalformedResponse("the response has no 'choices'");
        }
        if (!(choices.get(0) instanceof JsonObject choice) || !(choice.get("message") instanceof JsonObject message)) {
            throw new MalformedResponse("choices[0] has no 'message' object");
        }
        String text = text(message, "content", "choices[0].message.content");
        if (text == null) {
            String refusal = text(message, "refusal", "choices[0].message.refusal");
            if (refusal != null) {
                throw new MalformedResponse("the model refused to answer");
            }
            text = "";
        }
        return new Answer(text, text(root, "model", "model"), text(choice, "finish_reason", "finish_reason"), usage(root));
    }

    Chunk chunk(String data) throws MalformedResponse {
        JsonObject root = object(data, "a stream event is not a JSON object");
        String error = errorIn(root);
        if (error != null) {
            return new Chunk(null, null, null, null, error);
        }
        String content = null;
        String finish = null;
        JsonValue choices = root.get("choices");
        if (choices instanceof jakarta.json.JsonArray array && !array.isEmpty()) {
            if (!(array.get(0) instanceof JsonObject choice)) {
                throw new MalformedResponse("a stream event's choices[0] is not an object");
            }
            if (choice.get("delta") instanceof JsonObject delta) {
                content = text(delta, "content", "choices[0].delta.content");
            }
            finish = text(choice, "finish_reason", "choices[0].finish_reason");
        } else if (choices != null && choices != JsonValue.NULL && !(choices instanceof jakarta.json.JsonArray)) {
            throw new MalformedResponse("a stream event's 'choices' is not an array");
        }
        Usage usage = root.get("usage") instanceof JsonObject ? usage(root) : null;
        return new Chunk(content, finish, text(root, "model", "model"), usage, null);
    }

    /**
     * @return the server's own error text from a JSON error body ({@code error.message},
     *         {@code error}, {@code message} or {@code detail}), or null
     */
    String errorMessage(String body) {
        try (var reader = json.createReader(new StringReader(body))) {
            JsonObject root = reader.readObject();
            String error = errorIn(root);
            if (error != null) {
                return error;
            }
            for (String key : new String[] {"message", "detail"}) {
                if (root.get(key) instanceof JsonString s) {
                    return s.getString();
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String errorIn(JsonObject root) {
        JsonValue error = root.get("error");
        if (error instanceof JsonObject e) {
            return e.get("message") instanceof JsonString m ? m.getString() : "unspecified";
        }
        return error instanceof JsonString s ? s.getString() : null;
    }

    private JsonObject object(String text, String complaint) throws MalformedResponse {
        try (var reader = json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new MalformedResponse(complaint);
        }
    }

    private static String text(JsonObject object, String key, String where) throws MalformedResponse {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new MalformedResponse("'" + where + "' is not a string");
    }

    private static Usage usage(JsonObject root) throws MalformedResponse {
        if (!(root.get("usage") instanceof JsonObject usage)) {
            return Usage.NONE;
        }
        return new Usage(count(usage, "prompt_tokens"), count(usage, "completion_tokens"));
    }

    private static int count(JsonObject usage, String key) throws MalformedResponse {
        JsonValue value = usage.get(key);
        if (value == null || value == JsonValue.NULL) {
            return 0;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new MalformedResponse("'usage." + key + "' is not a token count");
    }

    private String write(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = json.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }
}
