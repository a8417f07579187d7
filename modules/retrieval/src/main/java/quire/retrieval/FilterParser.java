package quire.retrieval;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.filter.Comparison;
import quire.spi.filter.FilterNode;
import quire.spi.filter.FilterSemantics;
import quire.spi.filter.TypedOperand;

/**
 * Parses a Morphik metadata filter (spec §3.1) from JSON into a {@link FilterNode} tree, once,
 * refusing every structural mistake with Morphik's own 400 message.
 *
 * <p>Beyond Morphik: a non-empty top-level list is accepted as an OR (spec §3.1 grammar and §3.4);
 * {@code $regex} patterns are compiled here, so an invalid one is a 400, never a database error, and
 * patterns outside the subset where Java and PostgreSQL agree are refused
 * ({@link FilterSemantics#regexProblem}); nesting deeper than {@link #MAX_DEPTH} is refused.
 */
public final class FilterParser {
    /** Deepest nesting of JSON containers a filter may use. */
    public static final int MAX_DEPTH = 64;

    private static final Set<String> TRUE_WORDS = Set.of("1", "true", "yes");

    private FilterParser() {
    }

    /**
     * @param filters the request's filter: Java null, JSON null, {@code {}} (no filtering), an object or
     *                a non-empty list
     * @return the tree, or null when nothing is filtered
     * @throws FilterException for anything the language does not accept
     */
    public static FilterNode parse(JsonValue filters) {
        if (filters == null || filters.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (filters instanceof JsonObject object) {
            return object.isEmpty() ? null : expression(object, "metadata filter", 0);
        }
        if (filters instanceof JsonArray) {
            return expression(filters, "metadata filter", 0);
        }
        throw new FilterException("Metadata filters must be provided as a JSON object.");
    }

    // ---- logical structure -------------------------------------------------------------

    private static FilterNode expression(JsonValue expression, String context, int depth) {
        checkDepth(depth);
        if (expression instanceof JsonObject object) {
            if (object.isEmpty()) {
                throw new FilterException(capitalize(context) + " cannot be empty.");
            }
            List<FilterNode> clauses = new ArrayList<>();
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                String key = e.getKey();
                JsonValue value = e.getValue();
                switch (key) {
                    case "$and" -> clauses.add(new FilterNode.And(conditions(key, value, depth)));
                    case "$or" -> clauses.add(new FilterNode.Or(conditions(key, value, depth)));
                    case "$nor" -> clauses.add(new FilterNode.Not(new FilterNode.Or(conditions(key, value, depth))));
                    case "$not" -> clauses.add(new FilterNode.Not(expression(value, "operator \"$not\"", depth + 1)));
                    default -> clauses.add(field(key, value, depth + 1));
                }
            }
            return all(clauses);
        }
        if (expression instanceof JsonArray array) {
            if (array.isEmpty()) {
                throw new FilterException(capitalize(context) + " cannot be an empty list.");
            }
            List<FilterNode> alternatives = new ArrayList<>();
            for (JsonValue item : array) {
                alternatives.add(expression(item, "nested condition", depth + 1));
            }
            return any(alternatives);
        }
        throw new FilterException(capitalize(context) + " must be expressed as a JSON object.");
    }

    private static List<FilterNode> conditions(String operator, JsonValue value, int depth) {
        if (!(value instanceof JsonArray array)) {
            throw new FilterException(operator + " operator expects a non-empty list of conditions.");
        }
        if (array.isEmpty()) {
            throw new FilterException("No valid conditions supplied for operator \"" + operator + "\".");
        }
        List<FilterNode> out = new ArrayList<>();
        for (JsonValue item : array) {
            out.add(expression(item, operator + " condition", depth + 1));
        }
        return out;
    }

    // ---- metadata fields ---------------------------------------------------------------

    private static FilterNode field(String field, JsonValue value, int depth) {
        checkDepth(depth);
        if (field.equals("filename")) {
            return FilenameParser.clause(value, depth);
        }
        if (value instanceof JsonObject object) {
            return hasOperatorKey(object) ? operatorBlock(field, object, depth) : new FilterNode.Equals(field, toJava(object));
        }
        if (value instanceof JsonArray array) {
            return list(field, array, depth);
        }
        return new FilterNode.Equals(field, toJava(value));
    }

    private static FilterNode operatorBlock(String field, JsonObject operators, int depth) {
        checkDepth(depth);
        if (operators.isEmpty()) {
            throw new FilterException("Operator block for field '" + field + "' must be a non-empty object.");
        }
        List<FilterNode> clauses = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : operators.entrySet()) {
            String operator = e.getKey();
            JsonValue operand = e.getValue();
            switch (operator) {
                case "$eq", "$ne", "$gt", "$gte", "$lt", "$lte" -> {
                    Comparison op = comparison(operator);
                    clauses.add(new FilterNode.Compare(field, op, typedOperand(field, operator, op, operand)));
                }
                case "$in", "$nin" -> {
                    if (!(operand instanceof JsonArray array)) {
                        throw new FilterException(operator + " operator for field '" + field + "' expects a list of values.");
                    }
                    FilterNode in = list(field, array, depth + 1);
                    clauses.add(operator.equals("$in") ? in : new FilterNode.Not(in));
                }
                case "$exists" -> {
                    Boolean expected = existsOperand(operand);
                    if (expected == null) {
                        throw new FilterException("$exists operator for field '" + field + "' expects a boolean value.");
                    }
                    FilterNode exists = new FilterNode.Exists(field);
                    clauses.add(expected ? exists : new FilterNode.Not(exists));
                }
                case "$not" -> clauses.add(new FilterNode.Not(field(field, operand, depth + 1)));
                case "$type" -> clauses.add(new FilterNode.HasType(field, types(field, operand)));
                case "$regex" -> {
                    Regex regex = regex(operand, "$regex operator for field '" + field + "'");
                    clauses.add(new FilterNode.Regex(field, regex.pattern(), regex.caseInsensitive()));
                }
                case "$contains" -> {
                    Substring text = substring(operand, "$contains operator for field '" + field + "'");
                    clauses.add(new FilterNode.Contains(field, text.value(), text.caseSensitive()));
                }
                default -> throw new FilterException(
                        "Unsupported metadata filter operator '" + operator + "' for field '" + field + "'.");
            }
        }
        return all(clauses);
    }

    private static FilterNode list(String field, JsonArray values, int depth) {
        checkDepth(depth);
        if (values.isEmpty()) {
            throw new FilterException("Filter list for field '" + field + "' must contain at least one value.");
        }
        List<FilterNode> alternatives = new ArrayList<>();
        for (JsonValue item : values) {
            if (item instanceof JsonObject object && hasOperatorKey(object)) {
                alternatives.add(operatorBlock(field, object, depth + 1));
            } else {
                alternatives.add(new FilterNode.Equals(field, toJava(item)));
            }
        }
        return any(alternatives);
    }

    private static TypedOperand typedOperand(String field, String operator, Comparison op, JsonValue operand) {
        BigDecimal number = null;
        Instant datetime = null;
        LocalDate date = null;
        String text = null;
        if (operand instanceof JsonNumber n) {
            number = n.bigDecimalValue();
        } else if (operand instanceof JsonString s) {
            String stripped = s.getString().strip();
            number = FilterSemantics.parseDecimal(stripped);
            if (!stripped.isEmpty()) {
                datetime = FilterSemantics.parseInstant(stripped);
                int t = stripped.indexOf('T');
                date = FilterSemantics.parseDate(t < 0 ? stripped : stripped.substring(0, t));
            }
            if (op == Comparison.EQ || op == Comparison.NE) {
                text = s.getString();
            }
        }
        if (number == null && datetime == null && date == null && text == null) {
            throw new FilterException("Operator '" + operator + "' for field '" + field
                    + "' requires a numeric, decimal, ISO8601 date/datetime, or string value.");
        }
        return new TypedOperand(number, datetime, date, text);
    }

    private static Set<String> types(String field, JsonValue operand) {
        List<String> names = new ArrayList<>();
        if (operand instanceof JsonString s) {
            names.add(s.getString());
        } else if (operand instanceof JsonArray array && !array.isEmpty()) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw new FilterException("$type operator for field '" + field + "' expects string entries.");
                }
                names.add(s.getString());
            }
        } else {
            throw new FilterException("$type operator for field '" + field + "' expects a string or list of strings.");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String name : names) {
            String type = FilterSemantics.canonicalType(name);
            if (type == null) {
                throw new FilterException("Unsupported metadata type '" + name + "' for field '" + field + "'.");
            }
            canonical.add(type);
        }
        return canonical;
    }

    // ---- operands shared with the filename column ----------------------------------------

    /** A validated {@code $regex} operand. */
    record Regex(String pattern, boolean caseInsensitive) {
    }

    /** A validated {@code $contains} operand. */
    record Substring(String value, boolean caseSensitive) {
    }

    /** @param subject how messages name the operator, e.g. {@code $regex operator for field 'x'} */
    static Regex regex(JsonValue operand, String subject) {
        Regex regex;
        if (operand instanceof JsonString s) {
            regex = new Regex(s.getString(), false);
        } else if (operand instanceof JsonObject object) {
            if (!(object.get("pattern") instanceof JsonString p) || p.getString().isEmpty()) {
                throw new FilterException(subject + " expects a non-empty pattern.");
            }
            JsonValue flagsValue = object.containsKey("flags") ? object.get("flags") : null;
            String flags = "";
            if (flagsValue != null) {
                if (!(flagsValue instanceof JsonString f)) {
                    throw new FilterException(subject + " expects flags to be a string.");
                }
                flags = f.getString();
            }
            Set<String> unsupported = new TreeSet<>();
            flags.codePoints().filter(c -> c != 'i').forEach(c -> unsupported.add(Character.toString(c)));
            if (!unsupported.isEmpty()) {
                throw new FilterException(subject + " does not support flags: " + String.join(", ", unsupported) + ".");
            }
            regex = new Regex(p.getString(), flags.indexOf('i') >= 0);
        } else {
            throw new FilterException(subject + " expects a string or object with 'pattern'.");
        }
        String problem = FilterSemantics.regexProblem(regex.pattern());
        if (problem != null) {
            throw new FilterException(subject + " uses a pattern feature this server does not support: " + problem + ".");
        }
        try {
            FilterSemantics.compileRegex(regex.pattern(), regex.caseInsensitive());
        } catch (PatternSyntaxException e) {
            throw new FilterException(subject + " has an invalid pattern: " + e.getDescription() + ".");
        }
        return regex;
    }

    static Substring substring(JsonValue operand, String subject) {
        if (operand instanceof JsonString s) {
            return new Substring(s.getString(), false);
        }
        if (operand instanceof JsonObject object) {
            if (!(object.get("value") instanceof JsonString v) || v.getString().isEmpty()) {
                throw new FilterException(subject + " expects a non-empty string value.");
            }
            JsonValue sensitive = object.containsKey("case_sensitive") ? object.get("case_sensitive") : JsonValue.FALSE;
            if (sensitive.getValueType() != JsonValue.ValueType.TRUE && sensitive.getValueType() != JsonValue.ValueType.FALSE) {
                throw new FilterException(subject + " expects 'case_sensitive' to be a boolean.");
            }
            return new Substring(v.getString(), sensitive.getValueType() == JsonValue.ValueType.TRUE);
        }
        throw new FilterException(subject + " expects a string or object with 'value'.");
    }

    /** Morphik's {@code $exists} reading: booleans, numbers (non-zero), strings {@code 1/true/yes}; else null. */
    static Boolean existsOperand(JsonValue operand) {
        return switch (operand.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            case NUMBER -> ((JsonNumber) operand).bigDecimalValue().signum() != 0;
            case STRING -> TRUE_WORDS.contains(((JsonString) operand).getString().toLowerCase(Locale.ROOT));
            default -> null;
        };
    }

    // ---- helpers -------------------------------------------------------------------------

    static Comparison comparison(String operator) {
        return switch (operator) {
            case "$eq" -> Comparison.EQ;
            case "$ne" -> Comparison.NE;
            case "$gt" -> Comparison.GT;
            case "$gte" -> Comparison.GTE;
            case "$lt" -> Comparison.LT;
            case "$lte" -> Comparison.LTE;
            default -> throw new IllegalArgumentException(operator);
        };
    }

    static boolean hasOperatorKey(JsonObject object) {
        return object.keySet().stream().anyMatch(k -> k.startsWith("$"));
    }

    static FilterNode all(List<FilterNode> clauses) {
        return clauses.size() == 1 ? clauses.getFirst() : new FilterNode.And(clauses);
    }

    static FilterNode any(List<FilterNode> clauses) {
        return clauses.size() == 1 ? clauses.getFirst() : new FilterNode.Or(clauses);
    }

    static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new FilterException("Metadata filter is nested too deeply (more than " + MAX_DEPTH + " levels).");
        }
    }

    /** Python's {@code str.capitalize()}, which Morphik applies to its context names. */
    static String capitalize(String context) {
        return context.isEmpty() ? context
                : context.substring(0, 1).toUpperCase(Locale.ROOT) + context.substring(1).toLowerCase(Locale.ROOT);
    }

    /** @return the plain Java value of a JSON value (numbers as {@link BigDecimal}) */
    static Object toJava(JsonValue value) {
        return toJava(value, 0);
    }

    private static Object toJava(JsonValue value, int depth) {
        checkDepth(depth);
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (JsonValue item : value.asJsonArray()) {
                    out.add(toJava(item, depth + 1));
                }
                yield Collections.unmodifiableList(out);
            }
            case OBJECT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> e : value.asJsonObject().entrySet()) {
                    out.put(e.getKey(), toJava(e.getValue(), depth + 1));
                }
                yield Collections.unmodifiableMap(out);
            }
        };
    }
}
