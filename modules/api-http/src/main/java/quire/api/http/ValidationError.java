package quire.api.http;

import java.util.List;
import java.util.Objects;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * One entry of a FastAPI/pydantic 422 body: {@code {"type","loc","msg","input"?,"ctx"?}}.
 *
 * @param loc   location, e.g. {@code ["body","k"]} or {@code ["query","limit"]}; elements are
 *              {@link String} or {@link Integer}
 * @param msg   human message, pydantic wording
 * @param type  pydantic error type ({@code missing}, {@code int_parsing}, {@code json_invalid} ...)
 * @param input the offending input, or null to omit it
 * @param ctx   extra context (e.g. {@code {"error": "..."}}), or null
 */
public record ValidationError(List<Object> loc, String msg, String type, JsonValue input, JsonObject ctx) {

    public ValidationError {
        loc = List.copyOf(loc);
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(type, "type");
    }

    /** @return an error without input or context */
    public static ValidationError of(List<Object> loc, String type, String msg) {
        return new ValidationError(loc, msg, type, null, null);
    }

    /** @return the JSON object FastAPI would send */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type);
        JsonArrayBuilder l = Json.createArrayBuilder();
        for (Object part : loc) {
            if (part instanceof Integer i) {
                l.add(i);
            } else {
                l.add(String.valueOf(part));
            }
        }
        b.add("loc", l).add("msg", msg);
        if (input != null) {
            b.add("input", input);
        }
        if (ctx != null) {
            b.add("ctx", ctx);
        }
        return b.build();
    }
}
