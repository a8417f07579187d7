package quire.api.http;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.webserver.http.ServerRequest;

import quire.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * Reads a JSON request body the way FastAPI does and fails with its 422 shapes: malformed
 * JSON is {@code {"type":"json_invalid","loc":["body",<char offset>],"msg":"JSON decode error"}},
 * an absent body is {@code missing} at {@code ["body"]}, a non-object where a model is expected
 * is {@code model_attributes_type}. The body limit is enforced by the server while reading.
 */
public final class JsonBody {

    private static final List<Object> BODY = List.of("body");

    private JsonBody() {
    }

    /** @return the body as the fields of a model (JSON object); 422 otherwise */
    public static JsonFields object(ServerRequest req) {
        JsonValue value = value(req);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw RequestValidationException.of(new ValidationError(BODY,
                    "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type", value, null));
        }
        return new JsonFields(value.asJsonObject(), BODY);
    }

    /** @return the body as any JSON value; 422 when absent or malformed */
    public static JsonValue value(ServerRequest req) {
        String text = text(req);
        if (text.isEmpty()) {
            throw RequestValidationException.of(ValidationError.of(BODY, "missing", "Field required"));
        }
        JsonValue value = parse(text);
        // usage tracking estimates tokens from the body's query or content (UsageTracking)
        req.context().register(new UsageTracking.ParsedBody(value));
        return value;
    }

    /** @return the parsed value of {@code text}; 422 {@code json_invalid} when malformed */
    public static JsonValue parse(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw invalid(0, "Expecting value");
            }
            parser.next();
            JsonValue value = parser.getValue();
            // Python's json rejects anything after the value ("Extra data"); the parser checks
            // for end of input here.
            if (parser.hasNext()) {
                throw invalid(parser.getLocation().getStreamOffset(), "Extra data");
            }
            if (text.contains("\\u0000") && containsNul(value)) {
                throw RequestValidationException.of(ValidationError.of(BODY, "string_nul",
                        "NUL characters (\\u0000) are not allowed in strings"));
            }
            return value;
        } catch (JsonParsingException e) {
            long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getStreamOffset());
            throw invalid(offset, e.getMessage());
        } catch (JsonException e) {
            throw invalid(text.length(), e.getMessage());
        } catch (RequestValidationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson refuses nesting deeper than 1000 with a plain RuntimeException
            throw invalid(text.length(), e.getMessage());
        }
    }

    /** PostgreSQL cannot store U+0000 in text or jsonb; refusing it everywhere keeps both databases alike. */
    private static boolean containsNul(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) value).getString().indexOf('\u0000') >= 0;
            case ARRAY -> value.asJsonArray().stream().anyMatch(JsonBody::containsNul);
            case OBJECT -> value.asJsonObject().entrySet().stream()
                    .anyMatch(e -> e.getKey().indexOf('\u0000') >= 0 || containsNul(e.getValue()));
            default -> false;
        };
    }

    private static String text(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return "";
        }
        try {
            return new String(req.content().inputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestValidationException invalid(long offset, String parserMessage) {
        // Python reports the character offset of the problem; so does the parser's location.
        List<Object> loc = List.of("body", (int) Math.min(offset, Integer.MAX_VALUE));
        JsonObject ctx = Json.createObjectBuilder()
                .add("error", parserMessage == null ? "Invalid JSON" : parserMessage).build();
        return RequestValidationException.of(new ValidationError(loc, "JSON decode error", "json_invalid",
                JsonValue.EMPTY_JSON_OBJECT, ctx));
    }
}
