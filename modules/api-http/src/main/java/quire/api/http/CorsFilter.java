package quire.api.http;

import java.util.Optional;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * CORS as Morphik configures Starlette's middleware (spec §0.1): every origin, method and
 * header allowed, credentials true. The origin is echoed (a literal {@code *} is not valid with
 * credentials). A preflight is answered here, before routing and authentication.
 */
final class CorsFilter implements Filter {

    static final String ALLOWED_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        res.header(HeaderNames.VARY, "Origin");
        if (Method.OPTIONS.equals(req.prologue().method()) && req.headers().contains(REQUEST_METHOD)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            req.headers().first(REQUEST_HEADERS)
                    .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.status(Status.OK_200).send("OK".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        chain.proceed();
    }
}
