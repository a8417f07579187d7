package quire.plugin.storage.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What differs between the two supported databases. Everything else is plain SQL shared by both.
 *
 * <p>Timestamps keep microsecond precision in both: SQLite stores INTEGER microseconds since the
 * epoch, PostgreSQL {@code timestamptz}.
 */
enum Dialect {
    /** Embedded default: one file, WAL, one writer at a time. */
    SQLITE("sqlite", "jdbc:sqlite:", "?", "", true),
    /** Scale-out: many nodes, row locks with {@code SKIP LOCKED}. */
    POSTGRESQL("postgresql", "jdbc:postgresql:", "CAST(? AS jsonb)", " FOR UPDATE SKIP LOCKED", false);

    private final String id;
    private final String urlPrefix;
    private final String jsonParameter;
    private final String lockForClaim;
    private final boolean serializeWrites;

    Dialect(String id, String urlPrefix, String jsonParameter, String lockForClaim, boolean serializeWrites) {
        this.id = id;
        this.urlPrefix = urlPrefix;
        this.jsonParameter = jsonParameter;
        this.lockForClaim = lockForClaim;
        this.serializeWrites = serializeWrites;
    }

    /**
     * @param url a JDBC URL
     * @return its dialect
     * @throws IllegalArgumentException for any other database
     */
    static Dialect fromUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (lower.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:sqlite: or jdbc:postgresql:): "
                + url.substring(0, Math.min(url.length(), 20)) + "...");
    }

    /** @return short name, also the migration resource folder */
    String id() {
        return id;
    }

    /** @return the placeholder for a JSON-typed parameter */
    String json() {
        return jsonParameter;
    }

    /** @return appended to the claim query to skip rows other transactions hold */
    String lockForClaim() {
        return lockForClaim;
    }

    /**
     * @return appended to a select that reads a row it is about to rewrite in the same transaction
     *         (PostgreSQL row lock; SQLite's write transaction is already exclusive)
     */
    String lockRow() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /** @return true when this process must serialise its write transactions (SQLite: one writer) */
    boolean serializeWrites() {
        return serializeWrites;
    }

    /** @return the value to bind for a timestamp, or null */
    Object timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        if (this == SQLITE) {
            return Math.addExact(Math.multiplyExact(micros.getEpochSecond(), 1_000_000L), micros.getNano() / 1000L);
        }
        return OffsetDateTime.ofInstant(micros, ZoneOffset.UTC);
    }

    /** @return the instant a timestamp column holds, or null */
    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Number n -> {
                long micros = n.longValue();
                yield Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            }
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
        };
    }
}
