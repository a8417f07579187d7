package quire.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import quire.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed metadata (spec §3.3): every top-level value gets a canonical type, either declared in
 * {@code metadata_types} (and the value coerced, or 400) or inferred from the JSON value.
 */
public final class MetadataTyping {
    private static final Pattern ISO_DATETIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("string", "string"), Map.entry("str", "string"), Map.entry("text", "string"),
            Map.entry("number", "number"), Map.entry("numeric", "number"), Map.entry("float", "number"),
            Map.entry("double", "number"), Map.entry("integer", "number"), Map.entry("int", "number"),
            Map.entry("decimal", "decimal"),
            Map.entry("boolean", "boolean"), Map.entry("bool", "boolean"),
            Map.entry("datetime", "datetime"), Map.entry("timestamp", "datetime"),
            Map.entry("date", "date"),
            Map.entry("array", "array"), Map.entry("list", "array"),
            Map.entry("object", "object"), Map.entry("dict", "object"), Map.entry("map", "object"),
            Map.entry("null", "null"));

    private MetadataTyping() {
    }

    /** The coerced metadata and the full type map. */
    public record Typed(JsonObject metadata, JsonObject types) {
    }

    /** @return the canonical type name for an alias, or null when unknown */
    public static String canonicalType(String name) {
        return name == null ? null : ALIASES.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * @param metadata the user's metadata
     * @param declared the user's metadata_types (may be empty)
     * @return coerced values and one type per key
     * @throws CatalogException 400 for an unknown type or a value that cannot be coerced
     */
    public static Typed apply(JsonObject metadata, JsonObject declared) {
        JsonObjectBuilder values = Json.createObjectBuilder();
        JsonObjectBuilder types = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> e : metadata.entrySet()) {
            String key = e.getKey();
            JsonValue value = e.getValue();
            String type;
            if (declared.containsKey(key)) {
                JsonValue t = declared.get(key);
                if (!(t instanceof JsonString ts) || canonicalType(ts.getString()) == null) {
                    throw CatalogException.badRequest("Unsupported metadata type for field '" + key + "': " + t
                            + ". Use one of string, number, decimal, boolean, datetime, date, array, object, null.");
                }
                type = canonicalType(ts.getString());
                value = coerce(key, value, type);
            } else {
                type = infer(value);
            }
            values.add(key, value);
            types.add(key, type);
        }
        return new Typed(values.build(), types.build());
    }

    /** @return the inferred canonical type of a JSON value */
    public static String infer(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE -> "boolean";
            case NUMBER -> "number";
            case STRING -> ISO_DATETIME.matcher(((JsonString) value).getString()).matches() ? "datetime" : "string";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NULL -> "null";
        };
    }

    private static JsonValue coerce(String key, JsonValue value, String type) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return value;
        }
        try {
            return switch (type) {
                case "string" -> value instanceof JsonString ? value : Json.createValue(value.toString());
                case "number" -> value instanceof JsonNumber ? value : Json.createValue(new BigDecimal(text(value).strip()));
                case "decimal" -> Json.createValue(new BigDecimal(value instanceof JsonNumber n ? n.toString() : text(value).strip()).toPlainString());
                case "boolean" -> coerceBoolean(value);
                case "datetime" -> Json.createValue(normalizeDateTime(text(value)));
                case "date" -> Json.createValue(LocalDate.parse(text(value).strip().substring(0, Math.min(10, text(value).strip().length()))).toString());
                case "array" -> require(value, JsonValue.ValueType.ARRAY);
                case "object" -> require(value, JsonValue.ValueType.OBJECT);
                case "null" -> JsonValue.NULL;
                default -> value;
            };
        } catch (NumberFormatException | DateTimeParseException | IllegalStateException | ClassCastException e) {
            throw CatalogException.badRequest("Metadata field '" + key + "' cannot be coerced to type '" + type + "'.");
        }
    }

    private static JsonValue require(JsonValue value, JsonValue.ValueType t) {
        if (value.getValueType() != t) {
            throw new IllegalStateException("wrong type");
        }
        return value;
    }

    private static JsonValue coerceBoolean(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value;
        }
        String s = value instanceof JsonNumber n ? n.toString() : text(value).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "1", "yes", "y", "on" -> JsonValue.TRUE;
            case "false", "0", "no", "n", "off" -> JsonValue.FALSE;
            default -> throw new IllegalStateException("not a boolean");
        };
    }

    private static String text(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalStateException("not a string");
    }

    static String normalizeDateTime(String s) {
        String t = s.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toString();
            } catch (DateTimeParseException e2) {
                return LocalDate.parse(t).atStartOfDay().toString();
            }
        }
    }
}
