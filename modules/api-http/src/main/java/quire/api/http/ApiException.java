package quire.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import quire.json.Json;
import jakarta.json.JsonValue;

/**
 * An error a handler raises on purpose; becomes {@code {"detail": ...}} with the given status,
 * like FastAPI's {@code HTTPException}. The detail is shown to the client: never put tokens in it.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient JsonValue detail;
    private final Map<String, String> headers;

    /** An error whose detail is a plain message. */
    public ApiException(int status, String detail) {
        this(status, Json.createValue(Objects.requireNonNull(detail, "detail")), Map.of());
    }

    /** An error with a structured detail (a list of validation errors, an object) and extra headers. */
    public ApiException(int status, JsonValue detail, Map<String, String> headers) {
        super(detail instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(detail), null, false, false);
        this.status = status;
        this.detail = Objects.requireNonNull(detail, "detail");
        this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    /** @return 400 with the message */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    /** @return 401 with the message */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail);
    }

    /** @return 403 with the message */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail);
    }

    /** @return 404 with the message */
    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the value of the {@code detail} member */
    public JsonValue detail() {
        return detail;
    }

    /** @return extra response headers (e.g. {@code WWW-Authenticate}) */
    public Map<String, String> headers() {
        return headers;
    }
}
