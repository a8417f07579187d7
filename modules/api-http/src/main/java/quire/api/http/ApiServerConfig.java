package quire.api.http;

import java.util.List;
import java.util.Objects;

/**
 * What the HTTP server needs.
 *
 * @param host          interface to bind ({@code 127.0.0.1}, {@code 0.0.0.0})
 * @param port          port; 0 picks a free one
 * @param maxBodySize   largest accepted request body in bytes; {@code <= 0} means unlimited
 * @param authenticator resolves the caller of authenticated routes
 * @param routes        the API areas to serve, registered in order
 * @param tracking      records tracked operations (spec §1.13), or null to record none
 */
public record ApiServerConfig(String host, int port, long maxBodySize, Authenticator authenticator,
                              List<ApiRoutes> routes, UsageTracking tracking) {

    /** A configuration that records no usage. */
    public ApiServerConfig(String host, int port, long maxBodySize, Authenticator authenticator,
                           List<ApiRoutes> routes) {
        this(host, port, maxBodySize, authenticator, routes, null);
    }

    public ApiServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(authenticator, "authenticator");
        routes = List.copyOf(routes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
