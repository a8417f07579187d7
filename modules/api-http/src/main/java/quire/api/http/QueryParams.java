package quire.api.http;

import java.util.List;

import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * Query parameters with the same typed getters and 422 shapes as a JSON body, located at
 * {@code ["query", name]} as FastAPI does. Values are strings, so pydantic's lax string
 * coercions apply ({@code ?limit=abc} is {@code int_parsing}); a repeated parameter becomes a list.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** @return the request's query parameters as typed fields */
    public static JsonFields of(ServerRequest req) {
        return of(req.query());
    }

    static JsonFields of(UriQuery query) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (String name : query.names()) {
            List<String> values = query.all(name);
            if (values.size() == 1) {
                b.add(name, values.get(0));
            } else {
                JsonArrayBuilder a = Json.createArrayBuilder();
                values.forEach(a::add);
                b.add(name, a);
            }
        }
        return new JsonFields(b.build(), List.of("query"));
    }
}
