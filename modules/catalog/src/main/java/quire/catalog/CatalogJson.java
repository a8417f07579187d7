package quire.catalog;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import quire.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Small JSON helpers shared by the views; stored JSON is trusted but never allowed to crash a listing. */
final class CatalogJson {
    /** Python {@code isoformat()} of an aware UTC datetime: microseconds and {@code +00:00}. */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private CatalogJson() {
    }

    /** @return the object, or an empty object when the text is not a JSON object (a corrupt row must not fail a whole page) */
    static JsonObject object(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            JsonValue v = r.readValue();
            return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** @return the instant the way Morphik writes datetimes, or null */
    static String time(Instant instant) {
        return instant == null ? null : ISO.format(instant);
    }

    /** @return a JSON string or JSON null */
    static JsonValue stringOrNull(String s) {
        return s == null ? JsonValue.NULL : Json.createValue(s);
    }

    /** Adds a string member, JSON null when absent. */
    static JsonObjectBuilder put(JsonObjectBuilder b, String name, String value) {
        return b.add(name, stringOrNull(value));
    }
}
