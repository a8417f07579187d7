package quire.plugin.storage.jdbc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import quire.spi.filter.Comparison;
import quire.spi.filter.FilterNode;
import quire.spi.filter.FilterSemantics;
import quire.spi.filter.TypedOperand;

/**
 * SQLite rendering of a filter. A metadata key is never spelled as a JSON path (a key may hold
 * quotes, dots, {@code $} or any Unicode): the top-level object is walked with {@code json_each} and
 * the key compared as a bound value. Containment of an object or array needle is unrolled into nested
 * {@code json_each} subqueries, one per needle element. Regex, case folding and datetime parsing use
 * {@link SqliteFilterFunctions}.
 *
 * <p>Numbers: SQLite holds JSON numbers as 64-bit integers or doubles, so comparisons beyond about 15
 * significant digits may differ from PostgreSQL and the in-memory evaluator, which compare exactly.
 */
final class SqliteFilterCompiler extends FilterCompiler {
    private int aliases;

    @Override
    void leaf(FilterNode leaf) {
        switch (leaf) {
            case FilterNode.Equals eq -> equalsLeaf(eq);
            case FilterNode.Compare c -> compare(c);
            case FilterNode.Exists e -> text("EXISTS (SELECT 1 FROM json_each(documents.metadata) AS v WHERE v.key = ")
                    .bind(e.key()).text(")");
            case FilterNode.HasType t -> {
                type(t.key());
                text(" IN (").bindAll(t.types()).text(")");
            }
            case FilterNode.Regex r -> strings(r.key(), alias -> regexp(alias + ".value", r.pattern(), r.caseInsensitive()));
            case FilterNode.Contains c -> strings(c.key(), alias -> contains(alias + ".value", c.text(), c.caseSensitive()));
            case FilterNode.FilenameCompare f -> {
                switch (f.op()) {
                    case NE -> text("filename IS NOT ").bind(f.value());
                    default -> text("filename " + f.op().sql() + " ").bind(f.value());
                }
            }
            case FilterNode.FilenameIn f -> text("filename IN (").bindAll(f.values()).text(")");
            case FilterNode.FilenameIsNull f -> text("filename IS NULL");
            case FilterNode.FilenameRegex f -> {
                text("filename IS NOT NULL AND ");
                regexp("filename", f.pattern(), f.caseInsensitive());
            }
            case FilterNode.FilenameContains f -> {
                text("filename IS NOT NULL AND ");
                contains("filename", f.text(), f.caseSensitive());
            }
            default -> throw new IllegalArgumentException("not a leaf: " + leaf);
        }
    }

    // ---- implicit equality -------------------------------------------------------------------

    private void equalsLeaf(FilterNode.Equals eq) {
        text("EXISTS (SELECT 1 FROM json_each(documents.metadata) AS v WHERE v.key = ").bind(eq.key()).text(" AND (");
        contains("v", eq.value());
        if (isScalar(eq.value())) {
            String e = alias();
            text(" OR (v.type = 'array' AND EXISTS (SELECT 1 FROM json_each(" + children("v", "array") + ") AS " + e
                    + " WHERE ");
            contains(e, eq.value());
            text("))");
        }
        text("))");
    }

    /** jsonb {@code @>} between the row {@code alias} (a json_each row) and the needle, unrolled. */
    private void contains(String alias, Object needle) {
        switch (needle) {
            case null -> text("(" + alias + ".type = 'null')");
            case String s -> text("(" + alias + ".type = 'text' AND " + alias + ".value = ").bind(s).text(")");
            case BigDecimal n -> text("(" + alias + ".type IN ('integer', 'real') AND " + alias + ".value = ")
                    .bind(number(n)).text(")");
            case Boolean b -> text("(" + alias + ".type = '" + (b ? "true" : "false") + "')");
            case Map<?, ?> map -> {
                text("(" + alias + ".type = 'object'");
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String child = alias();
                    text(" AND EXISTS (SELECT 1 FROM json_each(" + children(alias, "object") + ") AS " + child
                            + " WHERE " + child + ".key = ").bind(e.getKey()).text(" AND ");
                    contains(child, e.getValue());
                    text(")");
                }
                text(")");
            }
            case List<?> list -> {
                text("(" + alias + ".type = 'array'");
                for (Object element : list) {
                    String child = alias();
                    text(" AND EXISTS (SELECT 1 FROM json_each(" + children(alias, "array") + ") AS " + child + " WHERE ");
                    // a scalar element matches scalar elements only, a container one container elements only
                    contains(child, element);
                    text(")");
                }
                text(")");
            }
            default -> throw new IllegalArgumentException("not a filter value: " + needle.getClass().getName());
        }
    }

    /** The container's JSON text, or an empty one of the kind when the row holds something else. */
    private static String children(String alias, String kind) {
        String empty = kind.equals("array") ? "'[]'" : "'{}'";
        return "CASE WHEN " + alias + ".type = '" + kind + "' THEN " + alias + ".value ELSE " + empty + " END";
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    // ---- typed comparison ----------------------------------------------------------------------

    private void compare(FilterNode.Compare c) {
        if (c.op() == Comparison.NE) {
            text("EXISTS (SELECT 1 FROM json_each(documents.metadata) AS v WHERE v.key = ").bind(c.key())
                    .text(" AND v.type <> 'null') AND NOT COALESCE((");
            typedMatch(c.key(), Comparison.EQ, c.operand());
            text("), FALSE)");
            return;
        }
        typedMatch(c.key(), c.op(), c.operand());
    }

    private void typedMatch(String key, Comparison op, TypedOperand operand) {
        String sqlOp = " " + op.sql() + " ";
        // the key's declared type joined once: t.value when it is a string entry, else 'string'
        text("EXISTS (SELECT 1 FROM json_each(documents.metadata) AS v LEFT JOIN json_each(documents.metadata_types)"
                + " AS t ON t.key = v.key AND t.type = 'text' WHERE v.key = ").bind(key).text(" AND (FALSE");
        String type = "COALESCE(t.value, 'string')";
        if (operand.number() != null) {
            text(" OR (" + type + " = 'number' AND v.type IN ('integer', 'real') AND v.value" + sqlOp)
                    .bind(number(operand.number())).text(")");
            text(" OR (" + type + " = 'decimal' AND v.type IN ('integer', 'real', 'text') AND quire_number(v.value)"
                    + sqlOp).bind(number(operand.number())).text(")");
        }
        if (operand.datetime() != null) {
            text(" OR (" + type + " = 'datetime' AND v.type = 'text' AND quire_instant(v.value)" + sqlOp)
                    .bind(FilterSemantics.epochMicros(operand.datetime())).text(")");
        }
        if (operand.date() != null) {
            text(" OR (" + type + " = 'date' AND v.type = 'text' AND quire_regexp(").bind(FilterSemantics.DATE_PATTERN)
                    .text(", 0, v.value) = 1 AND v.value" + sqlOp).bind(operand.date().toString()).text(")");
        }
        if (operand.text() != null && op == Comparison.EQ) {
            text(" OR (" + type + " = 'string' AND v.type = 'text' AND v.value = ").bind(operand.text()).text(")");
        }
        text("))");
    }

    /** The stored type of a key: its metadata_types entry when that is a string, else 'string'. */
    private void type(String key) {
        text("COALESCE((SELECT t.value FROM json_each(documents.metadata_types) AS t WHERE t.key = ").bind(key)
                .text(" AND t.type = 'text'), 'string')");
    }

    /** SQLite compares a bound BigDecimal as text; bind an integer or a double instead. */
    private static Object number(BigDecimal n) {
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            return n.doubleValue();
        }
    }

    // ---- strings and arrays of strings ----------------------------------------------------------

    private interface Test {
        void render(String alias);
    }

    /** The key's value is a string passing the test, or an array with such a string element. */
    private void strings(String key, Test test) {
        String e = alias();
        text("EXISTS (SELECT 1 FROM json_each(documents.metadata) AS v WHERE v.key = ").bind(key)
                .text(" AND ((v.type = 'text' AND ");
        test.render("v");
        text(") OR (v.type = 'array' AND EXISTS (SELECT 1 FROM json_each(" + children("v", "array") + ") AS " + e
                + " WHERE " + e + ".type = 'text' AND ");
        test.render(e);
        text("))))");
    }

    private void regexp(String column, String pattern, boolean caseInsensitive) {
        text("quire_regexp(").bind(pattern).text(", " + (caseInsensitive ? 1 : 0) + ", " + column + ") = 1");
    }

    private void contains(String column, String needle, boolean caseSensitive) {
        if (caseSensitive) {
            text("instr(" + column + ", ").bind(needle).text(") > 0");
        } else {
            text("instr(quire_fold(" + column + "), ").bind(FilterSemantics.foldCase(needle)).text(") > 0");
        }
    }

    private String alias() {
        return "j" + (++aliases);
    }
}
