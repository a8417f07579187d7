package quire.plugin.storage.jdbc;

import java.time.ZoneOffset;

import quire.spi.filter.Comparison;
import quire.spi.filter.FilterNode;
import quire.spi.filter.FilterSemantics;
import quire.spi.filter.TypedOperand;

/**
 * PostgreSQL rendering of a filter: keys are bound ({@code metadata -> CAST(? AS text)}), implicit
 * equality is {@code jsonb @>} on the key's value (whose raw-scalar rule also gives scalar-in-array
 * membership), regexes use {@code ~}/{@code ~*}, typed values are cast only after the value proved
 * castable with the patterns of {@link FilterSemantics}. Datetimes without an offset are read as UTC
 * whatever the session's time zone; filename ordering uses {@code COLLATE "C"} (code points).
 *
 * <p>The jsonb {@code ?} operator is never used: it would clash with JDBC placeholders.
 */
final class PostgresFilterCompiler extends FilterCompiler {

    @Override
    void leaf(FilterNode leaf) {
        switch (leaf) {
            case FilterNode.Equals eq -> {
                value(eq.key());
                text(" @> CAST(").bind(FilterJson.write(eq.value())).text(" AS jsonb)");
            }
            case FilterNode.Compare c -> compare(c);
            case FilterNode.Exists e -> {
                value(e.key());
                text(" IS NOT NULL");
            }
            case FilterNode.HasType t -> {
                type(t.key());
                text(" IN (").bindAll(t.types()).text(")");
            }
            case FilterNode.Regex r -> strings(r.key(), column -> regexp(column, r.pattern(), r.caseInsensitive()));
            case FilterNode.Contains c -> strings(c.key(), column -> contains(column, c.text(), c.caseSensitive()));
            case FilterNode.FilenameCompare f -> {
                switch (f.op()) {
                    case EQ -> text("filename = ").bind(f.value());
                    case NE -> text("filename IS DISTINCT FROM ").bind(f.value());
                    default -> text("filename COLLATE \"C\" " + f.op().sql() + " ").bind(f.value());
                }
            }
            case FilterNode.FilenameIn f -> text("filename IN (").bindAll(f.values()).text(")");
            case FilterNode.FilenameIsNull f -> text("filename IS NULL");
            case FilterNode.FilenameRegex f -> regexp(() -> text("filename"), f.pattern(), f.caseInsensitive());
            case FilterNode.FilenameContains f -> contains(() -> text("filename"), f.text(), f.caseSensitive());
            default -> throw new IllegalArgumentException("not a leaf: " + leaf);
        }
    }

    // ---- typed comparison ----------------------------------------------------------------------

    private void compare(FilterNode.Compare c) {
        if (c.op() == Comparison.NE) {
            text("jsonb_typeof(");
            value(c.key());
            text(") <> 'null' AND NOT COALESCE((");
            typedMatch(c.key(), Comparison.EQ, c.operand());
            text("), FALSE)");
            return;
        }
        typedMatch(c.key(), c.op(), c.operand());
    }

    private void typedMatch(String key, Comparison op, TypedOperand operand) {
        String sqlOp = " " + op.sql() + " ";
        text("FALSE");
        if (operand.number() != null) {
            text(" OR (CASE WHEN ");
            type(key);
            text(" = 'number' AND ");
            jsonType(key, "number");
            text(" THEN CAST(");
            scalar(key);
            text(" AS numeric) END)" + sqlOp + "CAST(").bind(operand.number()).text(" AS numeric)");

            text(" OR (CASE WHEN ");
            type(key);
            text(" = 'decimal' AND (");
            jsonType(key, "number");
            text(" OR (");
            jsonType(key, "string");
            text(" AND ");
            scalar(key);
            text(" ~ ").bind(FilterSemantics.DECIMAL_PATTERN).text(")) THEN CAST(");
            scalar(key);
            text(" AS numeric) END)" + sqlOp + "CAST(").bind(operand.number()).text(" AS numeric)");
        }
        if (operand.datetime() != null) {
            text(" OR (CASE WHEN ");
            type(key);
            text(" = 'datetime' AND ");
            jsonType(key, "string");
            text(" AND ");
            scalar(key);
            text(" ~ ").bind(FilterSemantics.DATETIME_PATTERN).text(" THEN (CASE WHEN ");
            scalar(key);
            text(" ~ ").bind(FilterSemantics.OFFSET_SUFFIX_PATTERN).text(" THEN CAST(");
            scalar(key);
            text(" AS timestamptz) ELSE CAST(");
            scalar(key);
            text(" AS timestamp) AT TIME ZONE 'UTC' END) END)" + sqlOp)
                    .bind(operand.datetime().atOffset(ZoneOffset.UTC));
        }
        if (operand.date() != null) {
            text(" OR (CASE WHEN ");
            type(key);
            text(" = 'date' AND ");
            jsonType(key, "string");
            text(" AND ");
            scalar(key);
            text(" ~ ").bind(FilterSemantics.DATE_PATTERN).text(" THEN CAST(");
            scalar(key);
            text(" AS date) END)" + sqlOp + "CAST(").bind(operand.date().toString()).text(" AS date)");
        }
        if (operand.text() != null && op == Comparison.EQ) {
            text(" OR (");
            type(key);
            text(" = 'string' AND ");
            jsonType(key, "string");
            text(" AND ");
            scalar(key);
            text(" = ").bind(operand.text()).text(")");
        }
    }

    // ---- strings and arrays of strings ----------------------------------------------------------

    /** Renders a test on a text column; the column renderer appends its SQL (and binds its key). */
    private interface Test {
        void render(Runnable column);
    }

    private void strings(String key, Test test) {
        text("(");
        jsonType(key, "string");
        text(" AND ");
        test.render(() -> scalar(key));
        text(") OR (");
        jsonType(key, "array");
        text(" AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN ");
        jsonType(key, "array");
        text(" THEN ");
        value(key);
        text(" ELSE CAST('[]' AS jsonb) END) AS e(item) WHERE jsonb_typeof(e.item) = 'string' AND ");
        test.render(() -> text("(jsonb_build_array(e.item) ->> 0)"));
        text("))");
    }

    private void regexp(Runnable column, String pattern, boolean caseInsensitive) {
        column.run();
        text(caseInsensitive ? " ~* " : " ~ ").bind(pattern);
    }

    private void contains(Runnable column, String needle, boolean caseSensitive) {
        if (caseSensitive) {
            text("strpos(");
            column.run();
            text(", ").bind(needle).text(") > 0");
        } else {
            text("strpos(lower(");
            column.run();
            text("), lower(").bind(needle).text(")) > 0");
        }
    }

    // ---- key access: the key is always a bound value ----------------------------------------------

    private void value(String key) {
        text("(metadata -> CAST(").bind(key).text(" AS text))");
    }

    private void scalar(String key) {
        text("(metadata ->> CAST(").bind(key).text(" AS text))");
    }

    private void jsonType(String key, String kind) {
        text("jsonb_typeof(");
        value(key);
        text(") = '" + kind + "'");
    }

    private void type(String key) {
        text("COALESCE(CASE WHEN jsonb_typeof(metadata_types -> CAST(").bind(key)
                .text(" AS text)) = 'string' THEN metadata_types ->> CAST(").bind(key).text(" AS text) END, 'string')");
    }
}
