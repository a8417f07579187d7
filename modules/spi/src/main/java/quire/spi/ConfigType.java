package quire.spi;

/** The type of a configuration value; the host validates values against it at start-up. */
public enum ConfigType {
    STRING, INT, LONG, DOUBLE, BOOLEAN,
    /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    DURATION,
    /** A number of bytes with an optional unit: {@code 512}, {@code 64KB}, {@code 100MB}, {@code 2GB}. */
    SIZE,
    PATH,
    /** Comma-separated strings, or a list node. */
    LIST
}
