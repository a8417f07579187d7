package quire.api.http.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body stream seen through one fixed buffer: finds delimiters ({@code CRLF--boundary}) with a
 * Boyer-Moore-Horspool search, hands part content to a {@link Sink} as it goes, reads part header
 * lines, and counts every byte read against the body limit. Memory use is the buffer, whatever the
 * size of a part; the buffer only ever holds back the few bytes that may start a delimiter.
 */
final class BoundaryInput {

    /** Receives part content in order. */
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException, MultipartException;
    }

    static final Sink DISCARD = (bytes, offset, length) -> { };

    /** RFC 2046 allows whitespace after a boundary; a bounded amount is plenty for real clients. */
    private static final int MAX_TRANSPORT_PADDING = 256;

    private final InputStream in;
    private final byte[] buffer;
    private final byte[] delimiter;
    private final int[] shift = new int[256];
    private final long maxTotalBytes;
    private int position;
    private int limit;
    private long totalRead;
    private boolean endOfStream;

    BoundaryInput(InputStream in, byte[] boundary, long maxTotalBytes, int bufferSize) {
        this.in = in;
        this.maxTotalBytes = maxTotalBytes;
        byte[] prefix = "\r\n--".getBytes(StandardCharsets.US_ASCII);
        this.delimiter = Arrays.copyOf(prefix, prefix.length + boundary.length);
        System.arraycopy(boundary, 0, delimiter, prefix.length, boundary.length);
        this.buffer = new byte[Math.max(bufferSize, delimiter.length * 4)];
        int last = delimiter.length - 1;
        Arrays.fill(shift, delimiter.length);
        for (int k = 0; k < last; k++) {
            shift[delimiter[k] & 0xff] = last - k;
        }
        // A virtual CRLF before the body lets one search find the first dash-boundary (which may
        // open the body) and every later delimiter alike; it is not counted as read.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** @return bytes read from the stream so far */
    long totalRead() {
        return totalRead;
    }

    /**
     * Passes everything up to the next delimiter to {@code sink} and consumes the delimiter.
     *
     * @param truncatedMessage the error when the stream ends first
     */
    void readUntilDelimiter(Sink sink, String truncatedMessage) throws IOException, MultipartException {
        int keep = delimiter.length - 1;
        while (true) {
            int at = indexOfDelimiter(position, limit);
            if (at >= 0) {
                if (at > position) {
                    sink.write(buffer, position, at - position);
                }
                position = at + delimiter.length;
                return;
            }
            int safe = limit - keep;
            if (safe > position) {
                sink.write(buffer, position, safe - position);
                position = safe;
            }
            if (!fill()) {
                throw new MalformedMultipartException(truncatedMessage);
            }
        }
    }

    /**
     * Reads what follows a delimiter: {@code --} closes the body, optional padding and CRLF open
     * another part.
     *
     * @return true when another part follows
     */
    boolean nextPartFollows() throws IOException, MultipartException {
        if (!ensure(2)) {
            throw new MalformedMultipartException("Multipart body ended right after a boundary (truncated body?)");
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            position += 2;
            return false;
        }
        int padding = 0;
        while (ensure(1) && (buffer[position] == ' ' || buffer[position] == '\t')) {
            position++;
            if (++padding > MAX_TRANSPORT_PADDING) {
                throw new MalformedMultipartException("Too much whitespace after a multipart boundary");
            }
        }
        if (!ensure(2)) {
            throw new MalformedMultipartException("Multipart body ended right after a boundary (truncated body?)");
        }
        if (buffer[position] != '\r' || buffer[position + 1] != '\n') {
            throw new MalformedMultipartException(
                    "Multipart boundary not followed by CRLF or '--' (boundary string found inside content?)");
        }
        position += 2;
        return true;
    }

    /**
     * Reads one header line, ending in CRLF (a bare LF is tolerated).
     *
     * @param maxBytes the header budget left for this part
     * @return the line without its line end
     */
    byte[] readLine(int maxBytes) throws IOException, MultipartException {
        int scanned = 0;
        while (true) {
            for (int i = position + scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    byte[] line = Arrays.copyOfRange(buffer, position, end);
                    position = i + 1;
                    return line;
                }
            }
            scanned = limit - position;
            if (scanned > maxBytes) {
                return null;
            }
            if (!fill()) {
                throw new MalformedMultipartException("Multipart body ended inside part headers (truncated body?)");
            }
        }
    }

    /** Reads and drops the epilogue so the connection can be reused; still bounded by the body limit. */
    void drain() throws IOException, MultipartException {
        position = limit;
        while (fill()) {
            position = limit;
        }
    }

    private boolean ensure(int count) throws IOException, MultipartException {
        while (limit - position < count) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** @return false at end of stream, true when the buffer may hold more bytes */
    private boolean fill() throws IOException, MultipartException {
        if (endOfStream) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            // Callers keep far fewer bytes than the buffer holds; reaching this is a parser bug.
            throw new IllegalStateException("multipart buffer full");
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfStream = true;
            return false;
        }
        totalRead += read;
        if (totalRead > maxTotalBytes) {
            throw new MultipartLimitException(MultipartLimitException.Limit.TOTAL_BYTES, maxTotalBytes);
        }
        limit += read;
        return true;
    }

    private int indexOfDelimiter(int from, int to) {
        int last = delimiter.length - 1;
        int i = from;
        while (i <= to - delimiter.length) {
            byte tail = buffer[i + last];
            if (tail == delimiter[last]) {
                int j = last - 1;
                while (j >= 0 && buffer[i + j] == delimiter[j]) {
                    j--;
                }
                if (j < 0) {
                    return i;
                }
            }
            i += shift[tail & 0xff];
        }
        return -1;
    }
}
