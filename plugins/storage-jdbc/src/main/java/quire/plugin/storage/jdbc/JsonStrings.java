package quire.plugin.storage.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes a JSON array of strings (the {@code chunk_ids} column). Storage keeps every
 * other JSON value as opaque text, so this tiny codec is all the JSON the plugin needs.
 */
final class JsonStrings {
    private JsonStrings() {
    }

    static String encode(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(values.get(i), out);
        }
        return out.append(']').toString();
    }

    private static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * @param json a JSON array of strings, as written by {@link #encode} or normalised by the database
     * @return the strings
     * @throws IllegalStateException when the text is not such an array
     */
    static List<String> decode(String json) {
        List<String> values = new ArrayList<>();
        int i = skipSpace(json, 0);
        expect(json, i++, '[');
        i = skipSpace(json, i);
        if (i < json.length() && json.charAt(i) == ']') {
            return values;
        }
        while (true) {
            i = skipSpace(json, i);
            expect(json, i++, '"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = charAt(json, i++);
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char e = charAt(json, i++);
                switch (e) {
                    case '"', '\\', '/' -> value.append(e);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (i + 4 > json.length()) {
                            throw malformed();
                        }
                        value.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw malformed();
                }
            }
            values.add(value.toString());
            i = skipSpace(json, i);
            char next = charAt(json, i++);
            if (next == ']') {
                return values;
            }
            if (next != ',') {
                throw malformed();
            }
        }
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String json, int i, char c) {
        if (charAt(json, i) != c) {
            throw malformed();
        }
    }

    private static char charAt(String json, int i) {
        if (i >= json.length()) {
            throw malformed();
        }
        return json.charAt(i);
    }

    private static IllegalStateException malformed() {
        return new IllegalStateException("stored chunk_ids is not a JSON array of strings");
    }
}
