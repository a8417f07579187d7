package quire.api.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses request bodies above the configured size with 413 and Morphik's error body. A
 * declared {@code Content-Length} above the limit is refused before a byte of the body is
 * read; a chunked body is counted while it streams and fails the read that crosses the limit.
 */
final class BodyLimitFilter implements Filter {

    private final long limit;

    /** @param limit maximum body bytes; {@code <= 0} means unlimited */
    BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (limit <= 0) {
            chain.proceed();
            return;
        }
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            // The unread body is still on the connection: close it rather than drain it.
            res.header(HeaderNames.CONNECTION, "close");
            ErrorResponses.send(req, res, tooLarge(limit));
            return;
        }
        req.streamFilter(in -> new Counting(in, limit));
        chain.proceed();
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "Request body too large: the limit is " + Sizes.format(limit));
    }

    /** Counts bytes read and fails the read that goes past the limit. */
    private static final class Counting extends FilterInputStream {
        private final long limit;
        private long count;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
