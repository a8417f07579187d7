package quire.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Speaks HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} refuses to
 * send: a Content-Length with no body behind it, broken request lines.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line + headers, CRLF-separated, without the blank line) and
     * reads one response (headers + Content-Length body). The socket timeout only guards the
     * build against hanging forever if the server waited for the body.
     */
    static String exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headBytes.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
