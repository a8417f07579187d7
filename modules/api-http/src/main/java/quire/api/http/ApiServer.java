package quire.api.http;


import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;

import quire.json.Json;

/**
 * The running HTTP server: Helidon SE with Quire's filters (access log, CORS, body limit), the
 * configured route groups behind an {@link ApiRouter}, and Morphik error bodies for every
 * failure, including unknown routes and protocol errors Helidon answers itself.
 */
public final class ApiServer implements AutoCloseable {

    private final WebServer server;
    private final String host;

    private ApiServer(WebServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Builds and starts the server; returns once it listens. */
    public static ApiServer start(ApiServerConfig config) {
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new AccessLogFilter())
                .addFilter(new CorsFilter())
                .addFilter(new BodyLimitFilter(config.maxBodySize()));
        ApiRouter router = new ApiRouter(routing, config.authenticator(), config.tracking());
        config.routes().forEach(r -> r.register(router));
        router.finish();
        // Backstop for failures outside route handlers (filters): still Morphik's body.
        routing.error(Exception.class, ErrorResponses::send);
        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                // The body limit is ours (BodyLimitFilter) so a 413 carries a JSON body.
                .maxPayloadSize(-1)
                // Helidon leaves Nagle on: a response written as headers then body waits for the
                // client's delayed ACK (~40 ms on Linux) before the body leaves
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownHook(false)
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, ApiServer::direct)
                        .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, ApiServer::direct)
                        .addHandler(DirectHandler.EventType.OTHER, ApiServer::direct)
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, ApiServer::direct)
                        .build())
                .routing(routing)
                .build()
                .start();
        return new ApiServer(server, config.host());
    }

    /** Transport-level errors (bad request line, bad headers): same JSON shape as the rest. */
    private static DirectHandler.TransportResponse direct(DirectHandler.TransportRequest request,
                                                          DirectHandler.EventType type,
                                                          io.helidon.http.Status status,
                                                          io.helidon.http.ServerResponseHeaders headers,
                                                          String message) {
        String detail = status.code() >= 500 ? "Internal Server Error" : status.reasonPhrase();
        byte[] body = JsonResponses.detailBytes(Json.createValue(detail));
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .keepAlive(type.keepAlive())
                .entity(body)
                .build();
    }

    /** @return the port it listens on (the real one when started with port 0) */
    public int port() {
        return server.port();
    }

    /** @return the interface it is bound to */
    public String host() {
        return host;
    }

    /** Stops accepting connections and stops the server; idempotent. */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }

}
