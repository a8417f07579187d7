package quire.api.http;

import java.math.BigDecimal;

/**
 * JSON text exactly as Python's {@code json.dumps} writes it with its defaults (what Morphik's
 * SSE frames are made of): {@code ", "} and {@code ": "} separators, non-ASCII escaped as
 * lower-case {@code \\uXXXX} ({@code ensure_ascii}), floats as Python's {@code repr}. Clients that
 * compare frames byte for byte see no difference.
 */
final class PythonJson {

    private PythonJson() {
    }

    /** @return the string as a JSON string literal, quotes included */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        // UTF-16 units, so characters beyond the BMP become a surrogate pair as in Python
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * @return Python's {@code repr(float)}: the shortest digits that round-trip (Java's are the
     *         same), positional for exponents -4..15, else {@code d.ddde±XX}
     */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = v.precision() - v.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = v.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = v.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (v.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }
}
