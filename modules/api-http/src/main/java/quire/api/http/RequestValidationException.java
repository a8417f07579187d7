package quire.api.http;

import java.util.List;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

/** A 422 with FastAPI's list-shaped detail: {@code {"detail":[{"type","loc","msg"},...]}}. */
public final class RequestValidationException extends ApiException {

    private final transient List<ValidationError> errors;

    /** @param errors at least one error */
    public RequestValidationException(List<ValidationError> errors) {
        super(422, toArray(errors), Map.of());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no validation errors");
        }
        this.errors = List.copyOf(errors);
    }

    /** @return a 422 with one error */
    public static RequestValidationException of(ValidationError error) {
        return new RequestValidationException(List.of(error));
    }

    /** @return the errors, in the order found */
    public List<ValidationError> errors() {
        return errors;
    }

    private static JsonArray toArray(List<ValidationError> errors) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        errors.forEach(e -> b.add(e.toJson()));
        return b.build();
    }
}
