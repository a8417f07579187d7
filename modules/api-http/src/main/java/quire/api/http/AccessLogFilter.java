package quire.api.http;

import java.lang.System.Logger.Level;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One line per request on the {@value #LOGGER} logger:
 * {@code GET /documents/abc 200 1234B 12ms user=dev_user}. Only the method, the path without its
 * query string, status, bytes, time and the caller's user id are written: never headers, query
 * parameters or bodies, so a token cannot end up in the log.
 */
final class AccessLogFilter implements Filter {

    /** The logger name operators can route or silence. */
    static final String LOGGER = "quire.access";

    private static final System.Logger LOG = System.getLogger(LOGGER);

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.proceed();
            failed = false;
        } finally {
            if (LOG.isLoggable(Level.INFO)) {
                long ms = (System.nanoTime() - start) / 1_000_000;
                String user = req.context().get(Principal.class).map(Principal::userId).orElse("-");
                int status = failed ? 500 : res.status().code();
                LOG.log(Level.INFO, req.prologue().method().text() + " " + req.path().rawPath() + " "
                        + status + " " + res.bytesWritten() + "B " + ms + "ms user=" + user);
            }
        }
    }
}
