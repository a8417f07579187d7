package quire.api.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed access to the members of a JSON object with pydantic's (lax mode) coercions and
 * error wording. Getters never throw: they record a {@link ValidationError} and return null, so
 * a handler reads every field and then calls {@link #validate()}, which answers 422 with all
 * errors at once, like FastAPI.
 *
 * <p>Conventions: {@code requiredX(name)} reports {@code missing} when absent;
 * {@code optionalX(name)} returns null when absent or JSON null ({@code Optional[X] = None});
 * {@code x(name, default)} returns the default when absent and rejects JSON null
 * ({@code x: X = default}).
 */
public final class JsonFields {

    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private final JsonObject object;
    private final List<Object> loc;
    private final List<ValidationError> errors = new ArrayList<>();

    /**
     * @param object the object
     * @param loc    where it sits, e.g. {@code ["body"]}
     */
    public JsonFields(JsonObject object, List<Object> loc) {
        this.object = object;
        this.loc = List.copyOf(loc);
    }

    /** @return the raw object */
    public JsonObject json() {
        return object;
    }

    /** @return true when the member is present (even if null) */
    public boolean has(String name) {
        return object.containsKey(name);
    }

    /** Records an error found by the handler itself (e.g. a cross-field rule). */
    public void addError(String name, String type, String msg) {
        errors.add(ValidationError.of(at(name), type, msg));
    }

    /** @return the errors recorded so far */
    public List<ValidationError> errors() {
        return List.copyOf(errors);
    }

    /** Throws 422 when any getter recorded an error. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
    }

    // ---- strings

    public String requiredString(String name) {
        return present(name) ? string(name, (String) null) : null;
    }

    public String optionalString(String name) {
        return isNullOrAbsent(name) ? null : string(name, (String) null);
    }

    public String string(String name, String defaultValue) {
        if (!object.containsKey(name)) {
            return defaultValue;
        }
        JsonValue v = object.get(name);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        return fail(name, v, "string_type", "Input should be a valid string");
    }

    // ---- integers

    public Long requiredLong(String name) {
        return present(name) ? integer(name, (Long) null) : null;
    }

    public Long optionalLong(String name) {
        return isNullOrAbsent(name) ? null : integer(name, (Long) null);
    }

    public Long integer(String name, Long defaultValue) {
        if (!object.containsKey(name)) {
            return defaultValue;
        }
        JsonValue v = object.get(name);
        switch (v.getValueType()) {
            case NUMBER -> {
                BigDecimal d = ((JsonNumber) v).bigDecimalValue();
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    boolean fractional = d.stripTrailingZeros().scale() > 0;
                    return fractional
                            ? fail(name, v, "int_from_float", "Input should be a valid integer, got a number with a fractional part")
                            : fail(name, v, "int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size");
                }
            }
            case STRING -> {
                try {
                    return Long.parseLong(((JsonString) v).getString().strip().replace("_", ""));
                } catch (NumberFormatException e) {
                    return fail(name, v, "int_parsing", "Input should be a valid integer, unable to parse string as an integer");
                }
            }
            case TRUE -> {
                return 1L;
            }
            case FALSE -> {
                return 0L;
            }
            default -> {
                return fail(name, v, "int_type", "Input should be a valid integer");
            }
        }
    }

    /** Integer with pydantic's {@code ge}/{@code le} bounds (inclusive). */
    public Long integer(String name, Long defaultValue, long min, long max) {
        Long value = integer(name, defaultValue);
        if (value == null || !object.containsKey(name)) {
            return value;
        }
        if (value < min) {
            errors.add(new ValidationError(at(name), "Input should be greater than or equal to " + min,
                    "greater_than_equal", object.get(name), Json.createObjectBuilder().add("ge", min).build()));
            return null;
        }
        if (value > max) {
            errors.add(new ValidationError(at(name), "Input should be less than or equal to " + max,
                    "less_than_equal", object.get(name), Json.createObjectBuilder().add("le", max).build()));
            return null;
        }
        return value;
    }

    // ---- numbers

    public Double optionalNumber(String name) {
        return isNullOrAbsent(name) ? null : number(name, null);
    }

    public Double number(String name, Double defaultValue) {
        if (!object.containsKey(name)) {
            return defaultValue;
        }
        JsonValue v = object.get(name);
        switch (v.getValueType()) {
            case NUMBER -> {
                return ((JsonNumber) v).doubleValue();
            }
            case STRING -> {
                try {
                    return Double.parseDouble(((JsonString) v).getString().strip());
                } catch (NumberFormatException e) {
                    return fail(name, v, "float_parsing", "Input should be a valid number, unable to parse string as a number");
                }
            }
            case TRUE -> {
                return 1.0;
            }
            case FALSE -> {
                return 0.0;
            }
            default -> {
                return fail(name, v, "float_type", "Input should be a valid number");
            }
        }
    }

    // ---- booleans

    public Boolean optionalBoolean(String name) {
        return isNullOrAbsent(name) ? null : bool(name, null);
    }

    public Boolean bool(String name, Boolean defaultValue) {
        if (!object.containsKey(name)) {
            return defaultValue;
        }
        JsonValue v = object.get(name);
        switch (v.getValueType()) {
            case TRUE -> {
                return true;
            }
            case FALSE -> {
                return false;
            }
            case STRING -> {
                String s = ((JsonString) v).getString().strip().toLowerCase(Locale.ROOT);
                if (TRUE.contains(s)) {
                    return true;
                }
                if (FALSE.contains(s)) {
                    return false;
                }
                return fail(name, v, "bool_parsing", "Input should be a valid boolean, unable to interpret input");
            }
            case NUMBER -> {
                BigDecimal d = ((JsonNumber) v).bigDecimalValue();
                if (d.compareTo(BigDecimal.ONE) == 0) {
                    return true;
                }
                if (d.signum() == 0) {
                    return false;
                }
                return fail(name, v, "bool_parsing", "Input should be a valid boolean, unable to interpret input");
            }
            default -> {
                return fail(name, v, "bool_type", "Input should be a valid boolean");
            }
        }
    }

    // ---- containers

    public JsonObject optionalObject(String name) {
        if (isNullOrAbsent(name)) {
            return null;
        }
        JsonValue v = object.get(name);
        return v.getValueType() == JsonValue.ValueType.OBJECT
                ? v.asJsonObject() : fail(name, v, "dict_type", "Input should be a valid dictionary");
    }

    public JsonArray optionalArray(String name) {
        if (isNullOrAbsent(name)) {
            return null;
        }
        JsonValue v = object.get(name);
        return v.getValueType() == JsonValue.ValueType.ARRAY
                ? v.asJsonArray() : fail(name, v, "list_type", "Input should be a valid list");
    }

    /** @return a list of strings; each bad element is reported at {@code [..., name, index]} */
    public List<String> optionalStringList(String name) {
        JsonArray array = optionalArray(name);
        if (array == null) {
            return null;
        }
        List<String> out = new ArrayList<>(array.size());
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            JsonValue v = array.get(i);
            if (v instanceof JsonString s) {
                out.add(s.getString());
            } else {
                List<Object> where = new ArrayList<>(at(name));
                where.add(i);
                errors.add(new ValidationError(where, "Input should be a valid string", "string_type", v, null));
                ok = false;
            }
        }
        return ok ? out : null;
    }

    // ---- helpers

    private boolean present(String name) {
        if (object.containsKey(name)) {
            return true;
        }
        errors.add(new ValidationError(at(name), "Field required", "missing", object, null));
        return false;
    }

    private boolean isNullOrAbsent(String name) {
        return !object.containsKey(name) || object.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    private <T> T fail(String name, JsonValue input, String type, String msg) {
        errors.add(new ValidationError(at(name), msg, type, input, null));
        return null;
    }

    private List<Object> at(String name) {
        List<Object> where = new ArrayList<>(loc);
        where.add(name);
        return where;
    }
}
