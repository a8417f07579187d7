package quire.apitests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests {@code java.net.http} refuses to send: raw request
 * targets ({@code %ZZ}, {@code ..}, 20k-character paths), duplicate or hand-set framing headers,
 * bodies that are not what their headers say. One connection per request ({@code Connection:
 * close}); the body is written from another thread so a server that answers before reading it
 * all cannot deadlock the test.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;

    RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /**
     * A request exactly as it goes on the wire, apart from what {@link #send} adds: {@code Host}
     * unless {@code noHost}, {@code Connection: close}, and {@code Content-Length} unless a header
     * of that name or {@code Transfer-Encoding} is given.
     */
    record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
                   boolean noHost, boolean halfClose) {
        Request {
            headers = List.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** @return a one-line description for failure reports, long parts shortened */
        String summary() {
            StringBuilder b = new StringBuilder().append(method).append(' ').append(shorten(target, 200));
            for (Map.Entry<String, String> h : headers) {
                // tokens are test tokens, but a report has no business repeating credentials
                String value = h.getKey().equalsIgnoreCase("Authorization")
                        ? "(" + h.getValue().length() + " chars)" : shorten(h.getValue(), 80);
                b.append(" | ").append(h.getKey()).append(": ").append(value);
            }
            if (noHost) {
                b.append(" | (no Host)");
            }
            b.append(" | body ").append(body.length).append(" bytes: ")
                    .append(shorten(printable(body), 240));
            return b.toString();
        }
    }

    /** The answer: status 0 when none came (connection closed or timed out), with the reason in {@code error}. */
    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body, String error) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    Response send(Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] head = head(request);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(head);
                    out.write(request.body());
                    out.flush();
                    if (request.halfClose()) {
                        // the body is shorter than announced: end it so the server sees the short body at once
                        socket.shutdownOutput();
                    }
                } catch (IOException ignored) {
                    // the server may answer and close before reading everything: its answer counts
                }
            });
            byte[] raw;
            String error = null;
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                read(socket.getInputStream(), received, request.method().equals("HEAD"));
            } catch (SocketTimeoutException e) {
                error = "timed out after " + TIMEOUT_MILLIS + " ms";
            } catch (IOException e) {
                error = e.toString();
            }
            raw = received.toByteArray();
            writer.join(TIMEOUT_MILLIS);
            return parse(raw, error);
        } catch (IOException e) {
            return new Response(0, List.of(), new byte[0], e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] head(Request r) {
        StringBuilder b = new StringBuilder();
        b.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
        if (!r.noHost()) {
            b.append("Host: ").append(host).append(':').append(port).append("\r\n");
        }
        for (Map.Entry<String, String> h : r.headers()) {
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (r.header("Content-Length") == null && r.header("Transfer-Encoding") == null
                && (r.body().length > 0 || !List.of("GET", "HEAD", "DELETE", "OPTIONS").contains(r.method()))) {
            b.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        // ISO-8859-1: a header value we build with bytes above 0x7F goes out byte for byte
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads until one final answer is complete (the server may keep the connection open) or EOF. */
    private static void read(InputStream in, ByteArrayOutputStream out, boolean head) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (complete(out.toByteArray(), head)) {
                return;
            }
        }
    }

    private static boolean complete(byte[] raw, boolean head) {
        int start = 0;
        while (true) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (end < 0) {
                return false;
            }
            String text = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (RuntimeException e) {
                return true;
            }
            int bodyStart = end + 4;
            if (status >= 100 && status < 200) {
                start = bodyStart;
                continue;
            }
            if (head || status == 204 || status == 304) {
                return true;
            }
            long length = -1;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].toLowerCase(Locale.ROOT);
                if (line.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                return indexOf(raw, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), bodyStart - 2) >= 0;
            }
            if (length >= 0) {
                return raw.length - bodyStart >= length;
            }
            return false;
        }
    }

    private static Response parse(byte[] raw, String error) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return new Response(0, List.of(), raw, error == null ? "no complete response head" : error);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return new Response(0, List.of(), raw, "bad status line: " + lines[0]);
        }
        if (status >= 100 && status < 200) {
            // an interim answer (100 Continue): the real one follows
            return parse(java.util.Arrays.copyOfRange(raw, end + 4, raw.length), error);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String te = headers.stream().filter(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, body, error);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOf(body, "\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            pos = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    /** Bytes as text with control and non-ASCII bytes escaped, so a report line stays one readable line. */
    static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        int limit = Math.min(bytes.length, 600);
        for (int i = 0; i < limit; i++) {
            int c = bytes[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02X", c));
            }
        }
        if (bytes.length > limit) {
            b.append("...");
        }
        return b.toString();
    }
}
