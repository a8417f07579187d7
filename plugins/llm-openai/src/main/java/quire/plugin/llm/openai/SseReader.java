package quire.plugin.llm.openai;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events as the HTML standard defines them, keeping only the data: lines may
 * end in LF, CRLF or CR; lines starting with a colon are comments (keep-alives); several
 * {@code data:} lines of one event are joined with LF; an empty line ends an event; a final event
 * without its empty line still counts. Bytes are decoded as UTF-8 per line, so a character split
 * across network packets arrives whole.
 */
final class SseReader {
    private final InputStream in;
    private final int maxEventBytes;
    private final Runnable onLine;
    private boolean skipLf;
    private boolean eof;
    private boolean started;

    /** A stream that is not usable SSE (e.g. an endless line); not a network failure. */
    static final class MalformedStream extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedStream(String message) {
            super(message);
        }
    }

    /**
     * @param in            the response body (read unbuffered is fine: it is buffered here)
     * @param maxEventBytes the longest line and event accepted
     * @param onLine        called after every line, comments included: the caller's sign of life
     */
    SseReader(InputStream in, int maxEventBytes, Runnable onLine) {
        this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 8192);
        this.maxEventBytes = maxEventBytes;
        this.onLine = onLine;
    }

    /** @return the next event's data, or null at the end of the stream */
    String next() throws IOException {
        StringBuilder data = null;
        while (true) {
            String line = readLine();
            if (line == null) {
                return data == null ? null : data.toString();
            }
            onLine.run();
            if (!started && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            started = true;
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) {
                continue; // event:, id:, retry: mean nothing to chat completions
            }
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
            if (data.length() > maxEventBytes) {
                throw new MalformedStream("a stream event is longer than " + maxEventBytes + " bytes");
            }
        }
    }

    private String readLine() throws IOException {
        if (eof) {
            return null;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            int b = in.read();
            if (b == '\n' && skipLf) {
                skipLf = false;
                continue;
            }
            skipLf = false;
            if (b < 0) {
                eof = true;
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                skipLf = true;
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= maxEventBytes) {
                throw new MalformedStream("a stream line is longer than " + maxEventBytes + " bytes");
            }
            line.write(b);
        }
    }
}
