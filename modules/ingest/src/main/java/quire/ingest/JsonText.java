package quire.ingest;

import java.io.StringReader;
import java.util.Map;


import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/** Small helpers over jakarta.json for the JSON-text columns of the storage SPI. */
public final class JsonText {
    private JsonText() {
    }

    /** @return the object parsed from text; {@code {}} for null or blank */
    public static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = quire.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    /** @return a builder holding a copy of the object's members */
    public static JsonObjectBuilder copy(JsonObject object) {
        return quire.json.Json.createObjectBuilder(object);
    }

    /** @return the object's text with {@code key} set to {@code value} */
    public static String with(String objectText, String key, JsonValue value) {
        return copy(parseObject(objectText)).add(key, value).build().toString();
    }

    /** @return the object's text with the keys set */
    public static String with(String objectText, Map<String, JsonValue> values) {
        JsonObjectBuilder b = copy(parseObject(objectText));
        values.forEach(b::add);
        return b.build().toString();
    }

    /** @return the object's text without the keys */
    public static String without(String objectText, String... keys) {
        JsonObjectBuilder b = copy(parseObject(objectText));
        for (String k : keys) {
            b.remove(k);
        }
        return b.build().toString();
    }

    /** @return a JSON string value */
    public static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : quire.json.Json.createValue(s);
    }

    /** @return a JSON number value */
    public static JsonValue number(long n) {
        return quire.json.Json.createValue(n);
    }

    /** @return a JSON number value */
    public static JsonValue number(double n) {
        return quire.json.Json.createValue(n);
    }

    /** @return a new empty object builder */
    public static JsonObjectBuilder object() {
        return quire.json.Json.createObjectBuilder();
    }

}
