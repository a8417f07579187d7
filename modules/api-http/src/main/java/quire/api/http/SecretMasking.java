package quire.api.http;

import java.util.Locale;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Replaces secret values by {@code "***"} in anything served about models (spec §1.3, §1.12):
 * the values of {@code apiKey}, {@code api_key}, {@code API_KEY}, {@code api-key} (any case or
 * separator) and of keys naming a secret, password or token, at any depth. Empty values stay as
 * they are so a client can still tell "not set" from "set".
 */
final class SecretMasking {
    static final String MASK = "***";

    private SecretMasking() {
    }

    /** @return true when a value under this key must never be served */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return k.equals("apikey") || k.contains("secret") || k.contains("password") || k.endsWith("token");
    }

    /** @return the value with every secret masked */
    static JsonValue mask(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder b = Json.createObjectBuilder();
                value.asJsonObject().forEach((k, v) -> b.add(k, isSecretKey(k) && isSet(v) ? Json.createValue(MASK) : mask(v)));
                yield b.build();
            }
            case ARRAY -> {
                JsonArrayBuilder b = Json.createArrayBuilder();
                value.asJsonArray().forEach(v -> b.add(mask(v)));
                yield b.build();
            }
            default -> value;
        };
    }

    /** @return the map as a JSON object with every secret masked */
    static JsonValue mask(Map<String, String> values) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        values.forEach(b::add);
        return mask(b.build());
    }

    private static boolean isSet(JsonValue v) {
        return v != JsonValue.NULL && !(v instanceof JsonString s && s.getString().isEmpty());
    }
}
