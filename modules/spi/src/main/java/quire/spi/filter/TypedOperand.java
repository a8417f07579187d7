package quire.spi.filter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import quire.spi.Experimental;

/**
 * Every way one comparison operand can be read (spec §3.2 HEAD typed comparison). A field matches
 * when its stored type accepts one of the non-null readings:
 * {@code number}/{@code decimal} fields compare with {@link #number}, {@code datetime} fields with
 * {@link #datetime}, {@code date} fields with {@link #date}, {@code string} fields (or fields with
 * no declared type) with {@link #text} (equality only). At least one reading is non-null.
 *
 * @param number   the numeric reading, or null
 * @param datetime the instant reading (a datetime without offset is UTC), or null
 * @param date     the calendar-date reading, or null
 * @param text     the string reading ({@code $eq}/{@code $ne} with a string operand only), or null
 */
@Experimental
public record TypedOperand(BigDecimal number, Instant datetime, LocalDate date, String text) {
    public TypedOperand {
        if (number == null && datetime == null && date == null && text == null) {
            throw new IllegalArgumentException("a typed operand needs at least one reading");
        }
    }
}
