package quire.api.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Registers routes on Helidon's routing with the cross-cutting behaviour every route shares:
 * authentication (unless registered as public), a usage record for the tracked operations
 * ({@link UsageTracking} names them, so route classes never do), and turning every exception
 * into Morphik's error body. It remembers each (method, path) so that an unmatched request is answered 405
 * when the path exists with another method and 404 otherwise.
 *
 * <p>Paths use Helidon's pattern syntax: {@code /documents/{document_id}}; {@code {+rest}}
 * matches several segments.
 */
public final class ApiRouter {

    private record Registered(Method method, PathMatcher matcher) {
    }

    private final HttpRouting.Builder routing;
    private final Authenticator authenticator;
    private final List<Registered> registered = new ArrayList<>();
    private final UsageTracking tracking;

    ApiRouter(HttpRouting.Builder routing, Authenticator authenticator) {
        this(routing, authenticator, null);
    }

    /** @param tracking records the tracked operations among the routes (see {@link UsageTracking}), or null */
    ApiRouter(HttpRouting.Builder routing, Authenticator authenticator, UsageTracking tracking) {
        this.routing = routing;
        this.authenticator = authenticator;
        this.tracking = tracking;
    }

    /** Registers an authenticated route. */
    public ApiRouter route(Method method, String path, Handler handler) {
        return add(method, path, handler, true);
    }

    /** Registers a route that needs no authentication (health, ping, routes that parse their own token). */
    public ApiRouter publicRoute(Method method, String path, Handler handler) {
        return add(method, path, handler, false);
    }

    /**
     * Registers a route a request may authorize either with the normal check or with a credential
     * of its own, such as a signed download URL. {@code alternative} returns the principal its
     * credential grants, or empty when the request carries none (the normal check then applies);
     * it throws {@link ApiException} to refuse a bad one, which never falls back.
     */
    public ApiRouter routeWithAlternativeAuth(Method method, String path,
                                              Function<ServerRequest, Optional<Principal>> alternative,
                                              Handler handler) {
        return add(method, path, handler,
                req -> alternative.apply(req).orElseGet(() -> authenticator.authenticate(req.headers())));
    }

    /**
     * Registers an authenticated route under both {@code /x} and {@code /x/}: Morphik declares
     * some routes with a trailing slash and FastAPI would redirect, which the Python SDK does
     * not follow (spec §0.1).
     */
    public ApiRouter routeBothSlashes(Method method, String path, Handler handler) {
        String bare = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        add(method, bare, handler, true);
        return add(method, bare + "/", handler, true);
    }

    /** Authenticated GET. */
    public ApiRouter get(String path, Handler handler) {
        return route(Method.GET, path, handler);
    }

    /** Authenticated POST. */
    public ApiRouter post(String path, Handler handler) {
        return route(Method.POST, path, handler);
    }

    /** Authenticated PUT. */
    public ApiRouter put(String path, Handler handler) {
        return route(Method.PUT, path, handler);
    }

    /** Authenticated DELETE. */
    public ApiRouter delete(String path, Handler handler) {
        return route(Method.DELETE, path, handler);
    }

    /** Authenticated PATCH. */
    public ApiRouter patch(String path, Handler handler) {
        return route(Method.PATCH, path, handler);
    }

    /** Registers the final handler: 405 for a known path with another method, else 404. */
    void finish() {
        routing.any(this::unmatched);
    }

    private ApiRouter add(Method method, String path, Handler handler, boolean authenticated) {
        return add(method, path, handler, authenticated ? req -> authenticator.authenticate(req.headers()) : null);
    }

    /** @param auth resolves the caller, or null for a public route */
    private ApiRouter add(Method method, String path, Handler handler, Function<ServerRequest, Principal> auth) {
        PathMatcher matcher = PathMatchers.create(path);
        Function<ServerRequest, String> operation = tracking == null || auth == null
                ? null : UsageTracking.operationOf(method, path);
        Handler wrapped = wrap(handler, auth, operation);
        registered.add(new Registered(method, matcher));
        routing.route(method, matcher, wrapped);
        if (Method.GET.equals(method)) {
            // Starlette answers HEAD for every GET route; Helidon sends the headers only.
            registered.add(new Registered(Method.HEAD, matcher));
            routing.route(Method.HEAD, matcher, wrapped);
        }
        return this;
    }

    /** @param operation names the tracked operation of a request (null: none), or null for an untracked route */
    private Handler wrap(Handler handler, Function<ServerRequest, Principal> auth,
                         Function<ServerRequest, String> operation) {
        return (req, res) -> {
            UsageTracking.Capture capture = null;
            try {
                if (req.path().path().indexOf('\u0000') >= 0) {
                    // no id, name or path of ours contains NUL, and PostgreSQL cannot even compare one
                    throw ApiException.notFound("Not Found");
                }
                if (auth != null) {
                    Principal principal = auth.apply(req);
                    req.context().register(principal);
                    String op = operation == null ? null : operation.apply(req);
                    if (op != null) {
                        capture = tracking.begin(req, res, op, principal);
                    }
                }
                handler.handle(req, res);
            } catch (Exception e) {
                if (capture != null) {
                    capture.failed(e);
                }
                ErrorResponses.send(req, res, e);
            }
        };
    }

    private void unmatched(ServerRequest req, ServerResponse res) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Registered r : registered) {
            if (r.matcher().match(req.path()).accepted()) {
                allowed.add(r.method().text());
            }
        }
        if (allowed.isEmpty()) {
            ErrorResponses.send(req, res, ApiException.notFound("Not Found"));
        } else {
            ErrorResponses.send(req, res, new ApiException(405, quire.json.Json.createValue("Method Not Allowed"),
                    java.util.Map.of("Allow", String.join(", ", allowed))));
        }
    }
}
