package quire.api.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Datetimes the way Morphik (Python {@code isoformat()}) writes them: {@code 2026-01-02T03:04:05.123456+00:00}. */
public final class IsoTimes {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private IsoTimes() {
    }

    /** @return the instant in UTC, microsecond precision, with {@code +00:00} */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
