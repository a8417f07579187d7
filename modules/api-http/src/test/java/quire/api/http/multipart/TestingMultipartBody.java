package quire.api.http.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/**
 * Builds a body byte for byte the way httpx's {@code MultipartStream} does (the Morphik SDK's
 * transport): a 32-hex-digit boundary, {@code --boundary CRLF}, headers, blank line, content,
 * CRLF per part, {@code --boundary-- CRLF} at the end; names and filenames quoted with httpx's
 * HTML5 escaping ({@code "} → {@code %22}, {@code \} → {@code \\}, C0 controls except ESC →
 * {@code %XX}); a file part's {@code filename} omitted when empty, as httpx does.
 */
final class TestingMultipartBody {

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TestingMultipartBody() {
        this(new Random(7));
    }

    TestingMultipartBody(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        this.boundary = HexFormat.of().formatHex(bytes);
    }

    String boundary() {
        return boundary;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    TestingMultipartBody field(String name, String value) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; " + formParam("name", name) + "\r\n\r\n");
        write(value);
        write("\r\n");
        return this;
    }

    TestingMultipartBody file(String name, String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\n");
        StringBuilder headers = new StringBuilder("Content-Disposition: form-data; ").append(formParam("name", name));
        if (!filename.isEmpty()) {
            headers.append("; ").append(formParam("filename", filename));
        }
        if (contentType != null) {
            headers.append("\r\nContent-Type: ").append(contentType);
        }
        write(headers + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    byte[] build() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /** httpx {@code _utils.format_form_param}. */
    static String formParam(String name, String value) {
        StringBuilder escaped = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (c == '"') {
                escaped.append("%22");
            } else if (c == '\\') {
                escaped.append("\\\\");
            } else if (c <= 0x1F && c != 0x1B) {
                escaped.append(String.format("%%%02X", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return name + "=\"" + escaped + "\"";
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
