package quire.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Response headers for serving a stored file whose name and type came from a client: nothing in
 * them may break out of its header, and active content must not run in the server's origin.
 */
final class FileHeaders {
    /** {@code type/subtype} with optional parameters, printable ASCII only (RFC 9110 §8.3.1, loosely). */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\\s*;[\\x20-\\x7E]*)?");
    /** Types a browser would execute or render as a page if opened inline. */
    private static final Pattern ACTIVE = Pattern.compile(
            "(text/html|application/xhtml\\+xml|image/svg\\+xml|text/xml|application/xml|text/javascript"
                    + "|application/javascript|application/ecmascript|text/ecmascript|multipart/.*|.*\\+xml)");
    private static final String FALLBACK_NAME = "download";
    private static final int MAX_NAME_CHARS = 200;

    private FileHeaders() {
    }

    /** @return the stored type when it is a well-formed media type, else {@code application/octet-stream} */
    static String contentType(String stored) {
        if (stored == null) {
            return "application/octet-stream";
        }
        String t = stored.strip();
        return MEDIA_TYPE.matcher(t).matches() ? t : "application/octet-stream";
    }

    /** @return true when the type is one a browser would run scripts in; such files get a sandbox CSP */
    static boolean isActive(String contentType) {
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return ACTIVE.matcher(base).matches();
    }

    /**
     * {@code inline; filename="<ascii>"} plus {@code filename*=UTF-8''<pct-encoded>} (RFC 6266 /
     * RFC 5987) when the name is not plain ASCII. Quotes, backslashes and control characters never
     * reach the quoted form; the extended form percent-encodes everything outside attr-char.
     */
    static String inlineDisposition(String filename) {
        String name = cleanName(filename);
        StringBuilder ascii = new StringBuilder(name.length());
        boolean plain = true;
        for (int cp : name.codePoints().toArray()) {
            if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') {
                ascii.append((char) cp);
            } else {
                ascii.append('_');
                plain = false;
            }
        }
        String header = "inline; filename=\"" + ascii + "\"";
        return plain ? header : header + "; filename*=UTF-8''" + extValue(name);
    }

    /** The last path segment, without control characters, bounded in length; never blank. */
    private static String cleanName(String filename) {
        if (filename == null) {
            return FALLBACK_NAME;
        }
        // a client's path (either separator) names the file by its last segment
        String base = filename.replaceAll("[/\\\\]+$", "");
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029)
                .limit(MAX_NAME_CHARS).forEach(out::appendCodePoint);
        String s = out.toString().strip();
        return s.isEmpty() || s.equals(".") || s.equals("..") ? FALLBACK_NAME : s;
    }

    private static String extValue(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
