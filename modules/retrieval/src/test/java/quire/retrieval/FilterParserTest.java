package quire.retrieval;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import quire.spi.filter.Comparison;
import quire.spi.filter.FilterNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every structural mistake gets Morphik's 400 message; valid filters become the expected tree. */
class FilterParserTest {

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`\"x\"`|Metadata filters must be provided as a JSON object.",
            "`5`|Metadata filters must be provided as a JSON object.",
            "`[]`|Metadata filter cannot be an empty list.",
            "`[[]]`|Nested condition cannot be an empty list.",
            "`[1]`|Nested condition must be expressed as a JSON object.",
            "`{\"$and\": {}}`|$and operator expects a non-empty list of conditions.",
            "`{\"$or\": \"x\"}`|$or operator expects a non-empty list of conditions.",
            "`{\"$nor\": 1}`|$nor operator expects a non-empty list of conditions.",
            "`{\"$and\": []}`|No valid conditions supplied for operator \"$and\".",
            "`{\"$or\": []}`|No valid conditions supplied for operator \"$or\".",
            "`{\"$and\": [1]}`|$and condition must be expressed as a JSON object.",
            "`{\"$or\": [{}]}`|$or condition cannot be empty.",
            "`{\"$not\": 5}`|Operator \"$not\" must be expressed as a JSON object.",
            "`{\"$not\": {}}`|Operator \"$not\" cannot be empty.",
            "`{\"k\": []}`|Filter list for field 'k' must contain at least one value.",
            "`{\"k\": {\"$in\": 1}}`|$in operator for field 'k' expects a list of values.",
            "`{\"k\": {\"$nin\": \"a\"}}`|$nin operator for field 'k' expects a list of values.",
            "`{\"k\": {\"$in\": []}}`|Filter list for field 'k' must contain at least one value.",
            "`{\"x\": {\"$foo\": 1}}`|Unsupported metadata filter operator '$foo' for field 'x'.",
            "`{\"x\": {\"$eq\": 1, \"plain\": 2}}`|Unsupported metadata filter operator 'plain' for field 'x'.",
            "`{\"k\": {\"$eq\": true}}`|Operator '$eq' for field 'k' requires a numeric, decimal, ISO8601 date/datetime, or string value.",
            "`{\"k\": {\"$ne\": null}}`|Operator '$ne' for field 'k' requires a numeric, decimal, ISO8601 date/datetime, or string value.",
            "`{\"k\": {\"$eq\": {\"a\": 1}}}`|Operator '$eq' for field 'k' requires a numeric, decimal, ISO8601 date/datetime, or string value.",
            "`{\"k\": {\"$gt\": \"abc\"}}`|Operator '$gt' for field 'k' requires a numeric, decimal, ISO8601 date/datetime, or string value.",
            "`{\"k\": {\"$lte\": [1]}}`|Operator '$lte' for field 'k' requires a numeric, decimal, ISO8601 date/datetime, or string value.",
            "`{\"k\": {\"$exists\": null}}`|$exists operator for field 'k' expects a boolean value.",
            "`{\"k\": {\"$exists\": []}}`|$exists operator for field 'k' expects a boolean value.",
            "`{\"k\": {\"$type\": 5}}`|$type operator for field 'k' expects a string or list of strings.",
            "`{\"k\": {\"$type\": []}}`|$type operator for field 'k' expects a string or list of strings.",
            "`{\"k\": {\"$type\": [\"string\", 1]}}`|$type operator for field 'k' expects string entries.",
            "`{\"k\": {\"$type\": \"bogus\"}}`|Unsupported metadata type 'bogus' for field 'k'.",
            "`{\"k\": {\"$regex\": 5}}`|$regex operator for field 'k' expects a string or object with 'pattern'.",
            "`{\"k\": {\"$regex\": {\"pattern\": \"\"}}}`|$regex operator for field 'k' expects a non-empty pattern.",
            "`{\"k\": {\"$regex\": {\"flags\": \"i\"}}}`|$regex operator for field 'k' expects a non-empty pattern.",
            "`{\"k\": {\"$regex\": {\"pattern\": \"a\", \"flags\": 1}}}`|$regex operator for field 'k' expects flags to be a string.",
            "`{\"k\": {\"$regex\": {\"pattern\": \"a\", \"flags\": \"gmi\"}}}`|$regex operator for field 'k' does not support flags: g, m.",
            "`{\"k\": {\"$regex\": \"(a\"}}`|$regex operator for field 'k' has an invalid pattern: Unclosed group.",
            "`{\"k\": {\"$regex\": \"(?i)a\"}}`|$regex operator for field 'k' uses a pattern feature this server does not support: group '(?i'.",
            "`{\"k\": {\"$regex\": \"[[:alpha:]]\"}}`|$regex operator for field 'k' uses a pattern feature this server does not support: bracket expression '[:'.",
            "`{\"k\": {\"$regex\": \"a*+\"}}`|$regex operator for field 'k' uses a pattern feature this server does not support: possessive quantifier.",
            "`{\"k\": {\"$regex\": \"\\\\bword\"}}`|$regex operator for field 'k' uses a pattern feature this server does not support: escape '\\b'.",
            "`{\"k\": {\"$contains\": 5}}`|$contains operator for field 'k' expects a string or object with 'value'.",
            "`{\"k\": {\"$contains\": {\"value\": \"\"}}}`|$contains operator for field 'k' expects a non-empty string value.",
            "`{\"k\": {\"$contains\": {\"value\": \"a\", \"case_sensitive\": \"yes\"}}}`|$contains operator for field 'k' expects 'case_sensitive' to be a boolean.",
            "`{\"filename\": {}}`|filename filter cannot be empty.",
            "`{\"filename\": {\"a\": 1}}`|filename filter must use operators (e.g., {'filename': {'$eq': 'example.pdf'}}).",
            "`{\"filename\": 5}`|Filename $eq operator expects a string value.",
            "`{\"filename\": {\"$ne\": 1}}`|Filename $ne operator expects a string value.",
            "`{\"filename\": {\"$gt\": null}}`|Filename $gt operator expects a string value.",
            "`{\"filename\": {\"$in\": []}}`|Filename $in/$nin operator expects a non-empty list of values.",
            "`{\"filename\": {\"$nin\": \"a\"}}`|Filename $in/$nin operator expects a non-empty list of values.",
            "`{\"filename\": [\"a\", 1]}`|Filename $in/$nin operator expects string values.",
            "`{\"filename\": {\"$exists\": []}}`|Filename $exists operator expects a boolean value.",
            "`{\"filename\": {\"$type\": \"string\"}}`|Unsupported filename filter operator '$type'.",
            "`{\"filename\": {\"$regex\": {\"pattern\": \"a\", \"flags\": \"x\"}}}`|Filename $regex operator does not support flags: x.",
            "`{\"filename\": {\"$regex\": 1}}`|Filename $regex operator expects a string or object with 'pattern'.",
            "`{\"filename\": {\"$contains\": 1}}`|Filename $contains operator expects a string or object with 'value'.",
            "`{\"filename\": {\"$contains\": {\"value\": \"\"}}}`|Filename $contains operator expects a non-empty string value.",
            "`{\"filename\": {\"$or\": []}}`|No valid conditions supplied for operator \"$or\".",
            "`{\"filename\": {\"$not\": 1}}`|Operator \"$not\" must be expressed as a JSON object.",
    })
    void refusesWithMorphiksMessage(String filter, String message) {
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(json(filter)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesDeepNesting() {
        String deep = "{\"$not\": ".repeat(80) + "{\"a\": 1}" + "}".repeat(80);
        assertEquals("Metadata filter is nested too deeply (more than 64 levels).",
                assertThrows(FilterException.class, () -> FilterParser.parse(json(deep))).getMessage());
        String deepValue = "{\"a\": " + "[".repeat(80) + "]".repeat(80) + "}";
        assertThrows(FilterException.class, () -> FilterParser.parse(json(deepValue)));
    }

    @Test
    void nothingToFilter() {
        assertNull(FilterParser.parse(null));
        assertNull(FilterParser.parse(JsonValue.NULL));
        assertNull(FilterParser.parse(json("{}")));
    }

    @Test
    void buildsTheTypedTree() {
        assertEquals(new FilterNode.Equals("department", "sales"), FilterParser.parse(json("{\"department\": \"sales\"}")));
        assertEquals(new FilterNode.Equals("n", new BigDecimal("1.50")), FilterParser.parse(json("{\"n\": 1.50}")));
        assertEquals(new FilterNode.Equals("author", java.util.Map.of("name", "Ada")),
                FilterParser.parse(json("{\"author\": {\"name\": \"Ada\"}}")));
        // an empty object is a containment needle (the value is an object), not an empty operator block
        assertEquals(new FilterNode.Equals("o", java.util.Map.of()), FilterParser.parse(json("{\"o\": {}}")));
        assertEquals(new FilterNode.Or(List.of(new FilterNode.Equals("lang", "en"), new FilterNode.Equals("lang", "de"))),
                FilterParser.parse(json("[{\"lang\": \"en\"}, {\"lang\": \"de\"}]")));
        assertEquals(new FilterNode.Not(new FilterNode.Or(List.of(new FilterNode.Equals("p", "a"), new FilterNode.Equals("p", null)))),
                FilterParser.parse(json("{\"p\": {\"$nin\": [\"a\", null]}}")));
        assertEquals(new FilterNode.HasType("t", Set.of("number", "string")),
                FilterParser.parse(json("{\"t\": {\"$type\": [\"INT\", \"text\"]}}")));
        assertEquals(new FilterNode.Not(new FilterNode.Exists("e")), FilterParser.parse(json("{\"e\": {\"$exists\": \"no\"}}")));
        assertEquals(new FilterNode.Exists("e"), FilterParser.parse(json("{\"e\": {\"$exists\": 2}}")));
        assertEquals(new FilterNode.Regex("title", "^q[1-4] report", true),
                FilterParser.parse(json("{\"title\": {\"$regex\": {\"pattern\": \"^q[1-4] report\", \"flags\": \"i\"}}}")));
        assertEquals(new FilterNode.FilenameContains(".pdf", false), FilterParser.parse(json("{\"filename\": {\"$contains\": \".pdf\"}}")));
        assertEquals(new FilterNode.Or(List.of(new FilterNode.FilenameIn(List.of("a")), new FilterNode.FilenameIsNull())),
                FilterParser.parse(json("{\"filename\": [\"a\", null]}")));
        assertEquals(new FilterNode.FilenameIsNull(), FilterParser.parse(json("{\"filename\": null}")));
    }

    @Test
    void readsEveryTypedMeaningOfAComparisonOperand() {
        FilterNode.Compare number = assertInstanceOf(FilterNode.Compare.class, FilterParser.parse(json("{\"s\": {\"$gte\": 40}}")));
        assertEquals(Comparison.GTE, number.op());
        assertEquals(new BigDecimal("40"), number.operand().number());
        assertNull(number.operand().text());
        FilterNode.Compare text = assertInstanceOf(FilterNode.Compare.class, FilterParser.parse(json("{\"s\": {\"$eq\": \" 12 \"}}")));
        assertEquals(new BigDecimal("12"), text.operand().number());
        assertEquals(" 12 ", text.operand().text());
        FilterNode.Compare day = assertInstanceOf(FilterNode.Compare.class, FilterParser.parse(json("{\"d\": {\"$lte\": \"2025-12-31\"}}")));
        assertEquals(java.time.LocalDate.of(2025, 12, 31), day.operand().date());
        assertEquals(java.time.Instant.parse("2025-12-31T00:00:00Z"), day.operand().datetime());
        assertNull(day.operand().number());
        FilterNode.Compare at = assertInstanceOf(FilterNode.Compare.class,
                FilterParser.parse(json("{\"d\": {\"$gt\": \"2025-01-02T03:04:05+02:00\"}}")));
        assertEquals(java.time.Instant.parse("2025-01-02T01:04:05Z"), at.operand().datetime());
        assertEquals(java.time.LocalDate.of(2025, 1, 2), at.operand().date());
    }
}
