package quire.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.filter.Comparison;
import quire.spi.filter.FilterNode;

/**
 * The reserved {@code filename} key (spec §3.2, HEAD): it targets the filename column. A string
 * means equality, a list means IN, an object must use operators ({@code $eq $ne $gt $gte $lt $lte
 * $in $nin $exists $regex $contains}) and may combine them with {@code $and $or $nor $not}, as
 * Morphik's text-column filter does. Messages are Morphik's.
 */
final class FilenameParser {
    private FilenameParser() {
    }

    static FilterNode clause(JsonValue value, int depth) {
        if (value instanceof JsonObject object) {
            if (object.isEmpty()) {
                throw new FilterException("filename filter cannot be empty.");
            }
            if (FilterParser.hasOperatorKey(object)) {
                return expression(object, "filename filter", depth + 1);
            }
            throw new FilterException("filename filter must use operators (e.g., {'filename': {'$eq': 'example.pdf'}}).");
        }
        if (value instanceof JsonArray array) {
            return in(array);
        }
        return compare("$eq", value);
    }

    private static FilterNode expression(JsonValue expression, String context, int depth) {
        FilterParser.checkDepth(depth);
        if (expression instanceof JsonObject object) {
            if (object.isEmpty()) {
                throw new FilterException(FilterParser.capitalize(context) + " cannot be empty.");
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
                    default -> clauses.add(operator(key, value));
                }
            }
            return FilterParser.all(clauses);
        }
        if (expression instanceof JsonArray array) {
            if (array.isEmpty()) {
                throw new FilterException(FilterParser.capitalize(context) + " cannot be an empty list.");
            }
            List<FilterNode> alternatives = new ArrayList<>();
            for (JsonValue item : array) {
                alternatives.add(expression(item, "nested condition", depth + 1));
            }
            return FilterParser.any(alternatives);
        }
        throw new FilterException(FilterParser.capitalize(context) + " must be expressed as a JSON object.");
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

    private static FilterNode operator(String operator, JsonValue operand) {
        return switch (operator) {
            case "$eq", "$ne", "$gt", "$gte", "$lt", "$lte" -> compare(operator, operand);
            case "$in" -> in(operand);
            case "$nin" -> new FilterNode.Not(in(operand));
            case "$exists" -> {
                Boolean expected = FilterParser.existsOperand(operand);
                if (expected == null) {
                    throw new FilterException("Filename $exists operator expects a boolean value.");
                }
                FilterNode isNull = new FilterNode.FilenameIsNull();
                yield expected ? new FilterNode.Not(isNull) : isNull;
            }
            case "$regex" -> {
                FilterParser.Regex regex = FilterParser.regex(operand, "Filename $regex operator");
                yield new FilterNode.FilenameRegex(regex.pattern(), regex.caseInsensitive());
            }
            case "$contains" -> {
                FilterParser.Substring text = FilterParser.substring(operand, "Filename $contains operator");
                yield new FilterNode.FilenameContains(text.value(), text.caseSensitive());
            }
            default -> throw new FilterException("Unsupported filename filter operator '" + operator + "'.");
        };
    }

    private static FilterNode compare(String operator, JsonValue operand) {
        Comparison op = FilterParser.comparison(operator);
        boolean isNull = operand.getValueType() == JsonValue.ValueType.NULL;
        if (isNull && op == Comparison.EQ) {
            return new FilterNode.FilenameIsNull();
        }
        if (isNull && op == Comparison.NE) {
            return new FilterNode.Not(new FilterNode.FilenameIsNull());
        }
        if (!(operand instanceof JsonString s)) {
            throw new FilterException("Filename " + operator + " operator expects a string value.");
        }
        return new FilterNode.FilenameCompare(op, s.getString());
    }

    private static FilterNode in(JsonValue operand) {
        if (!(operand instanceof JsonArray array) || array.isEmpty()) {
            throw new FilterException("Filename $in/$nin operator expects a non-empty list of values.");
        }
        boolean hasNull = false;
        List<String> values = new ArrayList<>();
        for (JsonValue item : array) {
            if (item.getValueType() == JsonValue.ValueType.NULL) {
                hasNull = true;
            } else if (item instanceof JsonString s) {
                values.add(s.getString());
            } else {
                throw new FilterException("Filename $in/$nin operator expects string values.");
            }
        }
        List<FilterNode> alternatives = new ArrayList<>();
        if (!values.isEmpty()) {
            alternatives.add(new FilterNode.FilenameIn(values));
        }
        if (hasNull) {
            alternatives.add(new FilterNode.FilenameIsNull());
        }
        return FilterParser.any(alternatives);
    }
}
