package quire.kernel;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import quire.spi.ConfigType;

/** Parses configuration text into the {@link ConfigType}s; one place so validation and getters agree. */
final class ConfigTypes {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb|tb)?");

    private ConfigTypes() {
    }

    /**
     * Checks that {@code value} is a valid {@code type}.
     *
     * @return null when valid, otherwise a short description of the expected form
     */
    static String problem(ConfigType type, ConfigValue value) {
        try {
            switch (type) {
                case STRING, LIST -> {
                    return null;
                }
                case INT -> Integer.parseInt(value.asText().trim());
                case LONG -> Long.parseLong(value.asText().trim());
                case DOUBLE -> Double.parseDouble(value.asText().trim());
                case BOOLEAN -> parseBoolean(value.asText());
                case DURATION -> parseDuration(value.asText());
                case SIZE -> parseSize(value.asText());
                case PATH -> Path.of(value.asText().trim());
                default -> throw new IllegalStateException(type.name());
            }
            if (value.list() != null && type != ConfigType.LIST && type != ConfigType.STRING) {
                return "a single value (" + describe(type) + "), not a list";
            }
            return null;
        } catch (NumberFormatException | DateTimeParseException | InvalidPathException | ArithmeticException e) {
            return describe(type);
        } catch (IllegalArgumentException e) {
            return describe(type);
        }
    }

    static String describe(ConfigType type) {
        return switch (type) {
            case STRING -> "text";
            case INT -> "an integer";
            case LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration such as 500ms, 30s, 5m, 1h, 2d or PT30S";
            case SIZE -> "a size such as 512, 64KB, 100MB or 2GB";
            case PATH -> "a file system path";
            case LIST -> "a list or comma-separated text";
        };
    }

    static boolean parseBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** Bare numbers are refused: "30" could mean seconds or milliseconds. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p") || t.startsWith("-p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("not a duration");
        };
    }

    /** Units are binary (1KB = 1024 bytes), as for heap sizes and request limits. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit) {
            case "b" -> 0;
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            case "tb" -> 40;
            default -> throw new IllegalArgumentException("not a size");
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new ArithmeticException("size overflows");
        }
        return n << shift;
    }

    static List<String> parseList(ConfigValue value) {
        if (value.list() != null) {
            return value.list();
        }
        List<String> items = new ArrayList<>();
        for (String part : value.text().split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                items.add(p);
            }
        }
        return List.copyOf(items);
    }
}
