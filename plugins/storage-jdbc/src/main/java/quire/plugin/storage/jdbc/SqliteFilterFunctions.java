package quire.plugin.storage.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.sqlite.Function;
import quire.spi.filter.FilterSemantics;

/**
 * The deterministic SQL functions SQLite lacks and the compiled metadata filters need, registered on
 * every connection. Each delegates to {@link FilterSemantics}, so SQLite and the in-memory evaluator
 * share one definition:
 * <ul>
 *   <li>{@code quire_regexp(pattern, case_insensitive, text)}: 1 when the pattern finds a match, NULL for NULL text;</li>
 *   <li>{@code quire_fold(text)}: case folding for {@code $contains};</li>
 *   <li>{@code quire_instant(text)}: microseconds since the epoch of a datetime string, else NULL;</li>
 *   <li>{@code quire_number(value)}: a number, or a decimal string as a REAL, else NULL.</li>
 * </ul>
 */
final class SqliteFilterFunctions {
    private static final int SQLITE_INTEGER = 1;
    private static final int SQLITE_FLOAT = 2;
    private static final int SQLITE_TEXT = 3;
    private static final int SQLITE_NULL = 5;
    private static final int PATTERN_CACHE = 128;

    private SqliteFilterFunctions() {
    }

    static void register(Connection connection) throws SQLException {
        Function.create(connection, "quire_regexp", new Regexp(), 3, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "quire_fold", new Fold(), 1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "quire_instant", new InstantOf(), 1, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "quire_number", new NumberOf(), 1, Function.FLAG_DETERMINISTIC);
    }

    /** One per connection (a connection runs one statement at a time), so the cache needs no lock. */
    private static final class Regexp extends Function {
        private final Map<String, Pattern> patterns = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                return size() > PATTERN_CACHE;
            }
        };

        @Override
        protected void xFunc() throws SQLException {
            if (value_type(2) == SQLITE_NULL || value_type(0) == SQLITE_NULL) {
                result();
                return;
            }
            String pattern = value_text(0);
            boolean caseInsensitive = value_int(1) != 0;
            Pattern compiled = patterns.computeIfAbsent((caseInsensitive ? "i" : "c") + pattern,
                    k -> FilterSemantics.compileRegex(pattern, caseInsensitive));
            result(compiled.matcher(value_text(2)).find() ? 1 : 0);
        }
    }

    private static final class Fold extends Function {
        @Override
        protected void xFunc() throws SQLException {
            if (value_type(0) == SQLITE_NULL) {
                result();
            } else {
                result(FilterSemantics.foldCase(value_text(0)));
            }
        }
    }

    private static final class InstantOf extends Function {
        @Override
        protected void xFunc() throws SQLException {
            Instant instant = value_type(0) == SQLITE_TEXT ? FilterSemantics.parseInstant(value_text(0)) : null;
            if (instant == null) {
                result();
            } else {
                result(FilterSemantics.epochMicros(instant));
            }
        }
    }

    private static final class NumberOf extends Function {
        @Override
        protected void xFunc() throws SQLException {
            switch (value_type(0)) {
                case SQLITE_INTEGER -> result(value_long(0));
                case SQLITE_FLOAT -> result(value_double(0));
                case SQLITE_TEXT -> {
                    BigDecimal n = FilterSemantics.parseDecimal(value_text(0));
                    if (n == null) {
                        result();
                    } else {
                        result(n.doubleValue());
                    }
                }
                default -> result();
            }
        }
    }
}
