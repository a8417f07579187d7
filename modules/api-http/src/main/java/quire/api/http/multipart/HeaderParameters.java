package quire.api.http.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value of the form {@code type; key=value; key="quoted value"} as used by
 * {@code Content-Type} and {@code Content-Disposition}.
 *
 * <p>Quoted strings are unescaped the way Python's {@code email.utils.unquote} does (only
 * {@code \\} and {@code \"} are escapes; any other backslash is kept) so a Windows path such as
 * {@code C:\dir\a.txt} survives and filenames read the same as on Morphik's server.
 *
 * @param value      the leading value ({@code form-data}, {@code multipart/form-data}), trimmed
 * @param parameters parameters by lower-case name, in order
 */
record HeaderParameters(String value, Map<String, String> parameters) {

    static HeaderParameters parse(String header, String headerName) throws MalformedMultipartException {
        int length = header.length();
        int i = header.indexOf(';');
        String value = (i < 0 ? header : header.substring(0, i)).trim();
        Map<String, String> parameters = new LinkedHashMap<>();
        i = i < 0 ? length : i + 1;
        while (i < length) {
            char c = header.charAt(i);
            if (c == ';' || isWhitespace(c)) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < length && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String name = header.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= length || header.charAt(i) == ';') {
                // A bare token without "=": meaningless here, and harmless to skip.
                continue;
            }
            i++; // '='
            while (i < length && isWhitespace(header.charAt(i))) {
                i++;
            }
            String parameter;
            if (i < length && header.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < length) {
                    char q = header.charAt(i++);
                    if (q == '"') {
                        closed = true;
                        break;
                    }
                    if (q == '\\' && i < length && (header.charAt(i) == '"' || header.charAt(i) == '\\')) {
                        quoted.append(header.charAt(i++));
                    } else {
                        quoted.append(q);
                    }
                }
                if (!closed) {
                    throw new MalformedMultipartException("Unterminated quoted string in " + headerName + " header");
                }
                while (i < length && isWhitespace(header.charAt(i))) {
                    i++;
                }
                if (i < length && header.charAt(i) != ';') {
                    throw new MalformedMultipartException("Unexpected characters after a quoted string in "
                            + headerName + " header");
                }
                parameter = quoted.toString();
            } else {
                int valueStart = i;
                while (i < length && header.charAt(i) != ';') {
                    i++;
                }
                parameter = header.substring(valueStart, i).trim();
            }
            if (name.isEmpty()) {
                throw new MalformedMultipartException("Parameter without a name in " + headerName + " header");
            }
            if (parameters.putIfAbsent(name, parameter) != null) {
                // Two different readings of one header are how smuggling starts; refuse both.
                throw new MalformedMultipartException("Duplicate parameter '" + name + "' in " + headerName
                        + " header");
            }
        }
        return new HeaderParameters(value, parameters);
    }

    /**
     * Decodes an RFC 5987 / RFC 8187 ext-value ({@code charset'language'percent-encoded}).
     */
    static String decodeExtendedValue(String extValue, String headerName) throws MalformedMultipartException {
        int first = extValue.indexOf('\'');
        int second = first < 0 ? -1 : extValue.indexOf('\'', first + 1);
        if (second < 0) {
            throw new MalformedMultipartException("Malformed extended parameter in " + headerName
                    + " header: expected charset'language'value");
        }
        String charsetName = extValue.substring(0, first).trim();
        Charset charset;
        if (charsetName.equalsIgnoreCase("UTF-8")) {
            charset = StandardCharsets.UTF_8;
        } else if (charsetName.equalsIgnoreCase("ISO-8859-1")) {
            charset = StandardCharsets.ISO_8859_1;
        } else {
            throw new MalformedMultipartException("Unsupported charset in extended parameter of " + headerName
                    + " header (UTF-8 or ISO-8859-1 expected)");
        }
        String encoded = extValue.substring(second + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new MalformedMultipartException("Bad percent-encoding in extended parameter of "
                            + headerName + " header");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                // Not allowed unencoded by the RFC, but unambiguous: take the character as UTF-8.
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMultipartException("Extended parameter of " + headerName + " header is not valid "
                    + charset.name());
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
