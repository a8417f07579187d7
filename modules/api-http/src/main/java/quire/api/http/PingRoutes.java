package quire.api.http;

import io.helidon.http.Method;

import quire.json.Json;
import jakarta.json.JsonObject;

/** {@code GET /ping} (spec §1.2): no auth, {@code {"status":"ok","message":"Server is running"}}. */
public final class PingRoutes implements ApiRoutes {

    private static final JsonObject BODY = Json.createObjectBuilder()
            .add("status", "ok").add("message", "Server is running").build();

    @Override
    public void register(ApiRouter router) {
        router.publicRoute(Method.GET, "/ping", (req, res) -> JsonResponses.send(res, BODY));
    }
}
