package quire.retrieval;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.filter.Comparison;
import quire.spi.filter.FilterNode;
import quire.spi.filter.FilterSemantics;
import quire.spi.filter.TypedOperand;
import quire.spi.storage.DocumentRecord;

/**
 * Evaluates a {@link FilterNode} against one document in memory, with exactly the semantics the
 * node types document (the storage backends compile the same semantics to SQL; a differential test
 * holds them together).
 */
public final class FilterEvaluator {
    /** Compiled patterns by flag and text; cleared when full (patterns repeat across documents). */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final int PATTERN_CACHE = 256;

    private FilterEvaluator() {
    }

    private static Pattern pattern(String pattern, boolean caseInsensitive) {
        String key = (caseInsensitive ? "i" : "c") + pattern;
        Pattern compiled = PATTERNS.get(key);
        if (compiled == null) {
            if (PATTERNS.size() >= PATTERN_CACHE) {
                PATTERNS.clear();
            }
            compiled = FilterSemantics.compileRegex(pattern, caseInsensitive);
            PATTERNS.put(key, compiled);
        }
        return compiled;
    }

    /**
     * What a filter sees of a document.
     *
     * @param metadata user metadata as plain Java values ({@link FilterParser} value types)
     * @param types    {@code metadata_types}: key → declared type (non-string entries are left out)
     * @param filename the filename or null
     */
    public record Subject(Map<String, Object> metadata, Map<String, String> types, String filename) {
        /** @return the subject of a stored document */
        public static Subject of(DocumentRecord document) {
            return of(parseObject(document.metadataJson()), parseObject(document.metadataTypesJson()), document.filename());
        }

        /** @return the subject of parsed metadata, types and filename */
        public static Subject of(JsonObject metadata, JsonObject metadataTypes, String filename) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) FilterParser.toJava(metadata);
            Map<String, String> types = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : metadataTypes.entrySet()) {
                if (e.getValue() instanceof JsonString s) {
                    types.put(e.getKey(), s.getString());
                }
            }
            return new Subject(values, types, filename);
        }

        private static JsonObject parseObject(String json) {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                return reader.readObject();
            }
        }

        /** @return the stored type of a key: its declared type, else {@code string} */
        String type(String key) {
            return types.getOrDefault(key, "string");
        }
    }

    /** @return true when the document satisfies the filter; a null filter admits everything */
    public static boolean matches(FilterNode filter, DocumentRecord document) {
        return filter == null || matches(filter, Subject.of(document));
    }

    /** @return true when the subject satisfies the filter */
    public static boolean matches(FilterNode node, Subject s) {
        return switch (node) {
            case FilterNode.And and -> and.children().stream().allMatch(c -> matches(c, s));
            case FilterNode.Or or -> or.children().stream().anyMatch(c -> matches(c, s));
            case FilterNode.Not not -> !matches(not.child(), s);
            case FilterNode.Equals eq -> s.metadata().containsKey(eq.key()) && equalsMatch(s.metadata().get(eq.key()), eq.value());
            case FilterNode.Compare c -> compare(c, s);
            case FilterNode.Exists e -> s.metadata().containsKey(e.key());
            case FilterNode.HasType t -> t.types().contains(s.type(t.key()));
            case FilterNode.Regex r -> anyString(s.metadata().get(r.key()),
                    pattern(r.pattern(), r.caseInsensitive()));
            case FilterNode.Contains c -> anyString(s.metadata().get(c.key()), c.text(), c.caseSensitive());
            case FilterNode.FilenameCompare f -> s.filename() == null ? f.op() == Comparison.NE
                    : f.op().accepts(FilterSemantics.compareCodePoints(s.filename(), f.value()));
            case FilterNode.FilenameIn f -> s.filename() != null && f.values().contains(s.filename());
            case FilterNode.FilenameIsNull f -> s.filename() == null;
            case FilterNode.FilenameRegex f -> s.filename() != null
                    && pattern(f.pattern(), f.caseInsensitive()).matcher(s.filename()).find();
            case FilterNode.FilenameContains f -> s.filename() != null && containsText(s.filename(), f.text(), f.caseSensitive());
        };
    }

    // ---- implicit equality: jsonb containment plus scalar-in-array membership ----------------

    private static boolean equalsMatch(Object stored, Object needle) {
        if (contains(stored, needle)) {
            return true;
        }
        if (isScalar(needle) && stored instanceof List<?> list) {
            for (Object element : list) {
                if (isScalar(element) && scalarEquals(element, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** PostgreSQL's {@code jsonb @>} between two values below the top level. */
    static boolean contains(Object stored, Object needle) {
        if (needle instanceof Map<?, ?> wanted) {
            if (!(stored instanceof Map<?, ?> have)) {
                return false;
            }
            for (Map.Entry<?, ?> e : wanted.entrySet()) {
                if (!have.containsKey(e.getKey()) || !contains(have.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (needle instanceof List<?> wanted) {
            if (!(stored instanceof List<?> have)) {
                return false;
            }
            for (Object w : wanted) {
                boolean found = false;
                for (Object h : have) {
                    if (isScalar(w) ? isScalar(h) && scalarEquals(h, w) : !isScalar(h) && contains(h, w)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return isScalar(stored) && scalarEquals(stored, needle);
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    private static boolean scalarEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    // ---- typed comparison ----------------------------------------------------------------------

    private static boolean compare(FilterNode.Compare c, Subject s) {
        if (!s.metadata().containsKey(c.key())) {
            return false;
        }
        Object stored = s.metadata().get(c.key());
        if (c.op() == Comparison.NE) {
            return stored != null && !typedEquals(Comparison.EQ, c.operand(), s.type(c.key()), stored);
        }
        return typedEquals(c.op(), c.operand(), s.type(c.key()), stored);
    }

    private static boolean typedEquals(Comparison op, TypedOperand operand, String type, Object stored) {
        switch (type) {
            case "number" -> {
                return operand.number() != null && stored instanceof BigDecimal n
                        && op.accepts(n.compareTo(operand.number()));
            }
            case "decimal" -> {
                BigDecimal n = stored instanceof BigDecimal d ? d
                        : stored instanceof String text ? FilterSemantics.parseDecimal(text) : null;
                return operand.number() != null && n != null && op.accepts(n.compareTo(operand.number()));
            }
            case "datetime" -> {
                Instant at = stored instanceof String text ? FilterSemantics.parseInstant(text) : null;
                return operand.datetime() != null && at != null && op.accepts(at.compareTo(operand.datetime()));
            }
            case "date" -> {
                LocalDate day = stored instanceof String text ? FilterSemantics.parseDate(text) : null;
                return operand.date() != null && day != null && op.accepts(day.compareTo(operand.date()));
            }
            case "string" -> {
                return operand.text() != null && op == Comparison.EQ && stored instanceof String text
                        && text.equals(operand.text());
            }
            default -> {
                return false;
            }
        }
    }

    // ---- strings and arrays of strings ----------------------------------------------------------

    private static boolean anyString(Object stored, Pattern pattern) {
        if (stored instanceof String text) {
            return pattern.matcher(text).find();
        }
        if (stored instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text && pattern.matcher(text).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyString(Object stored, String needle, boolean caseSensitive) {
        if (stored instanceof String text) {
            return containsText(text, needle, caseSensitive);
        }
        if (stored instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text && containsText(text, needle, caseSensitive)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsText(String text, String needle, boolean caseSensitive) {
        return caseSensitive ? text.contains(needle)
                : FilterSemantics.foldCase(text).contains(FilterSemantics.foldCase(needle));
    }
}
