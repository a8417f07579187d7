package quire.api.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses request bodies above the configured size with 413 and Morphik's error body. A
 * declared {@code Content-Length} above the limit is refused before the body is parsed; a
 * chunked body is counted while it streams and fails the read that crosses the limit.
 *
 * <p>Before the 413 goes out, the rest of the body is read and thrown away when it is at most
 * {@link #DRAIN_ALLOWANCE} past the limit. A server that answers and closes while the client is
 * still sending leaves unread bytes in its socket, so the kernel resets the connection, and the
 * reset can destroy the 413 before the client reads it: the client sees "connection reset"
 * instead of the reason. Bodies further past the limit are not drained (that would let a client
 * make the server read without bound); they get the 413 and {@code Connection: close}.
 */
final class BodyLimitFilter implements Filter {

    /** How far past the limit a refused body is still read to its end to deliver the 413. */
    static final long DRAIN_ALLOWANCE = 64L * 1024 * 1024;

    private final long limit;

    /** @param limit maximum body bytes; {@code <= 0} means unlimited */
    BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        OptionalLong declared = req.headers().contentLength();
        if (limit > 0 && declared.isPresent() && declared.getAsLong() > limit) {
            boolean drained = declared.getAsLong() - limit <= DRAIN_ALLOWANCE
                    && drain(req.content().inputStream(), DRAIN_ALLOWANCE + limit);
            ErrorResponses.send(req, res, refused(limit, drained));
            return;
        }
        req.streamFilter(in -> new Counting(in, limit));
        chain.proceed();
    }

    /**
     * Reads {@code in} to its end, discarding, unless more than {@code max} bytes come.
     *
     * @return whether the end was reached within {@code max} bytes without an error
     */
    static boolean drain(InputStream in, long max) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > max) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "Request body too large: the limit is " + Sizes.format(limit));
    }

    /** @return the 413, closing the connection when the refused body was not read to its end */
    private static ApiException refused(long limit, boolean drained) {
        ApiException tooLarge = tooLarge(limit);
        return drained ? tooLarge : new ApiException(413, tooLarge.detail(), Map.of("Connection", "close"));
    }

    /**
     * Counts bytes read and fails the read that goes past the limit. A body the web server cannot
     * decode (bad chunked framing, fewer bytes than Content-Length) is the client's fault: it
     * becomes a 400, not a 500.
     */
    private static final class Counting extends FilterInputStream {
        private final long limit;
        private long count;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (RuntimeException e) {
                throw malformed(e);
            }
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (RuntimeException e) {
                throw malformed(e);
            }
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped;
            try {
                skipped = super.skip(n);
            } catch (RuntimeException e) {
                throw malformed(e);
            }
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (limit > 0 && count > limit) {
                throw refused(limit, drain(in, DRAIN_ALLOWANCE));
            }
        }

        private static ApiException malformed(RuntimeException e) {
            if (e instanceof ApiException api) {
                return api;
            }
            return new ApiException(400, quire.json.Json.createValue(
                    "Malformed request body: it ended early or its chunked framing is invalid"),
                    Map.of("Connection", "close"));
        }
    }
}
