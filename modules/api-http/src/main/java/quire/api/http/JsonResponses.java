package quire.api.http;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

/** Writes JSON bodies. Output is compact UTF-8 with {@code Content-Type: application/json}. */
public final class JsonResponses {

    private JsonResponses() {
    }

    /** Sends {@code value} with status 200. */
    public static void send(ServerResponse res, JsonValue value) {
        send(res, 200, value);
    }

    /** Sends {@code value} with the given status. */
    public static void send(ServerResponse res, int status, JsonValue value) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(toBytes(value));
    }

    /** @return the compact UTF-8 encoding of {@code value} */
    public static byte[] toBytes(JsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.write(value);
        }
        return out.toByteArray();
    }

    /** @return {@code {"detail": message}} */
    public static JsonValue detail(String message) {
        return Json.createObjectBuilder().add("detail", message).build();
    }

    /** @return {@code {"detail": detail}} encoded */
    static byte[] detailBytes(JsonValue detail) {
        return toBytes(Json.createObjectBuilder(Map.of()).add("detail", detail).build());
    }
}
