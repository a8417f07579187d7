package quire.spi.filter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import quire.spi.Experimental;

/**
 * The value rules of the filter language, defined once so that the in-memory evaluator, SQLite
 * (through functions registered on each connection) and PostgreSQL (through the same patterns,
 * evaluated by its own regex engine) agree.
 *
 * <ul>
 *   <li>Dates: {@link #DATE_PATTERN}, calendar-valid {@code YYYY-MM-DD}, years 0001..9999.</li>
 *   <li>Datetimes: {@link #DATETIME_PATTERN}, a date, optionally {@code T} or a space and
 *       {@code HH:MM[:SS[.fraction]]}, optionally {@code Z} or {@code ±HH[[:]MM]}; without an offset
 *       the time is UTC; fractions round half up to microseconds (PostgreSQL's precision).</li>
 *   <li>Decimals: {@link #DECIMAL_PATTERN}, plain or scientific notation with at most three exponent
 *       digits (beyond that PostgreSQL's numeric refuses it).</li>
 *   <li>Case folding for {@code $contains}: {@link Character#toLowerCase(int)} per code point, the
 *       simple mapping PostgreSQL's {@code lower()} applies under a UTF-8 ctype.</li>
 *   <li>Regular expressions: the subset where {@link java.util.regex} and PostgreSQL's POSIX ARE agree
 *       ({@link #regexProblem}); {@code .} matches newlines (as in PostgreSQL).</li>
 * </ul>
 */
@Experimental
public final class FilterSemantics {
    private static final String YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})";
    private static final String LEAP_YEAR = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)";
    private static final String DATE = "(" + YEAR + "-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
            + "|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)|" + LEAP_YEAR + "-02-29)";
    private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?";
    private static final String OFFSET = "(Z|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)";

    /** A calendar-valid date, anchored; the same text is a Java and a PostgreSQL regex. */
    public static final String DATE_PATTERN = "^" + DATE + "$";
    /** A datetime (or a bare date), anchored; the same text is a Java and a PostgreSQL regex. */
    public static final String DATETIME_PATTERN = "^" + DATE + "([T ]" + TIME + OFFSET + "?)?$";
    /** The datetime suffix that carries an explicit offset (PostgreSQL reads the others as UTC). */
    public static final String OFFSET_SUFFIX_PATTERN = "[0-9]" + OFFSET + "$";
    /** A decimal number, anchored; the same text is a Java and a PostgreSQL regex. */
    public static final String DECIMAL_PATTERN = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?$";

    private static final Pattern DATE_REGEX = Pattern.compile(DATE_PATTERN);
    private static final Pattern DATETIME_REGEX = Pattern.compile(DATETIME_PATTERN);
    private static final Pattern DECIMAL_REGEX = Pattern.compile(DECIMAL_PATTERN);
    private static final Pattern DATETIME_PARTS = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?(Z|[+-]\\d{2}(?::?\\d{2})?)?)?$");

    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(
            Map.entry("string", "string"), Map.entry("str", "string"), Map.entry("text", "string"),
            Map.entry("number", "number"), Map.entry("numeric", "number"), Map.entry("float", "number"),
            Map.entry("double", "number"), Map.entry("integer", "number"), Map.entry("int", "number"),
            Map.entry("decimal", "decimal"), Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("datetime", "datetime"), Map.entry("timestamp", "datetime"), Map.entry("date", "date"),
            Map.entry("array", "array"), Map.entry("list", "array"), Map.entry("object", "object"),
            Map.entry("dict", "object"), Map.entry("map", "object"), Map.entry("null", "null"));

    private FilterSemantics() {
    }

    /** @return the canonical metadata type for a name or alias (case-insensitive), or null (spec §3.3) */
    public static String canonicalType(String name) {
        return name == null ? null : TYPE_ALIASES.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the value of a decimal in {@link #DECIMAL_PATTERN}, or null for anything else */
    public static BigDecimal parseDecimal(String text) {
        if (text == null || !DECIMAL_REGEX.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
    }

    /** @return the date of a string in {@link #DATE_PATTERN}, or null */
    public static LocalDate parseDate(String text) {
        return text != null && DATE_REGEX.matcher(text).matches() ? LocalDate.parse(text) : null;
    }

    /** @return the instant of a string in {@link #DATETIME_PATTERN} (no offset: UTC), or null */
    public static Instant parseInstant(String text) {
        if (text == null || !DATETIME_REGEX.matcher(text).matches()) {
            return null;
        }
        Matcher m = DATETIME_PARTS.matcher(text);
        if (!m.matches()) {
            return null;
        }
        LocalDate date = LocalDate.parse(m.group(1));
        if (m.group(2) == null) {
            return date.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        int seconds = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        long micros = 0;
        if (m.group(5) != null) {
            micros = new BigDecimal("0." + m.group(5)).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
        LocalDateTime local = LocalDateTime.of(date, LocalTime.of(Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), seconds));
        return local.toInstant(offset(m.group(6))).plusNanos(micros * 1000L);
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** @return microseconds since the epoch (the unit SQLite compares datetimes in) */
    public static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
    }

    /** @return {@code text} with every code point mapped by {@link Character#toLowerCase(int)} */
    public static String foldCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString();
    }

    /** @return the code point order of two strings (UTF-8 byte order, PostgreSQL {@code COLLATE "C"}) */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * @return the compiled pattern with the filter language's flags (dot matches newlines; {@code i}:
     * Unicode case-insensitive)
     * @throws PatternSyntaxException when Java cannot compile it
     */
    public static Pattern compileRegex(String pattern, boolean caseInsensitive) {
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(pattern, flags);
    }

    /**
     * Finds constructs whose meaning differs between Java and PostgreSQL (or that one of them refuses):
     * {@code (?} other than {@code (?:}, {@code (?=}, {@code (?!}; POSIX bracket expressions
     * {@code [: [= [.}; possessive quantifiers; the escapes {@code \b \B \p \P \Q \E \G \R \X \h \H \V \k \N \z \Z};
     * a {@code ***} director prefix.
     *
     * @return a short description of the first such construct, or null when the pattern is in the subset
     */
    public static String regexProblem(String pattern) {
        if (pattern.startsWith("***")) {
            return "'***' director prefix";
        }
        boolean afterQuantifier = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
            if (c == '\\') {
                if ("bBpPQEGRXhHVkNzZ".indexOf(next) >= 0 && next != 0) {
                    return "escape '\\" + next + "'";
                }
                i++;
                afterQuantifier = false;
                continue;
            }
            if (c == '(' && next == '?') {
                char kind = i + 2 < pattern.length() ? pattern.charAt(i + 2) : 0;
                if (kind != ':' && kind != '=' && kind != '!') {
                    return "group '(?" + (kind == 0 ? "" : String.valueOf(kind)) + "'";
                }
            }
            if (c == '[' && (next == ':' || next == '=' || next == '.')) {
                return "bracket expression '[" + next + "'";
            }
            if (c == '+' && afterQuantifier) {
                return "possessive quantifier";
            }
            afterQuantifier = c == '*' || c == '+' || c == '?' || c == '}';
        }
        return null;
    }
}
