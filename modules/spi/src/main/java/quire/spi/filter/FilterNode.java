package quire.spi.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import quire.spi.Experimental;
import quire.spi.storage.MetadataFilter;

/**
 * One node of a parsed metadata filter (spec §3). Every node is a two-valued predicate over a
 * document: it is true or false, never unknown, so {@link Not} is plain negation everywhere.
 *
 * <p>Metadata nodes name a literal top-level key of the document's {@code metadata} object (no
 * dot paths). The stored type of a key is its {@code metadata_types} entry when that entry is a
 * string, otherwise {@code string}. Filename nodes address the document's filename column.
 *
 * <p>Values inside {@link Equals} are plain Java values: {@link String}, {@link BigDecimal} (every
 * JSON number), {@link Boolean}, {@code null}, {@link List} and {@link Map} (string keys) of those.
 */
@Experimental
public sealed interface FilterNode extends MetadataFilter {

    /** All children hold (non-empty). */
    record And(List<FilterNode> children) implements FilterNode {
        public And {
            children = nonEmpty(children);
        }
    }

    /** At least one child holds (non-empty). */
    record Or(List<FilterNode> children) implements FilterNode {
        public Or {
            children = nonEmpty(children);
        }
    }

    /** The child does not hold. */
    record Not(FilterNode child) implements FilterNode {
        public Not {
            Objects.requireNonNull(child, "child");
        }
    }

    /**
     * Implicit equality: JSON containment of {@code value} in the stored value (PostgreSQL
     * {@code jsonb @>} rules: scalars equal, numbers numerically; an object contains an object
     * whose keys it has with contained values; an array contains an array whose every scalar
     * element equals one of its scalar elements and every container element is contained in one of
     * its container elements of the same kind). A scalar {@code value} also matches a stored array
     * holding it as an element. A missing key never matches.
     *
     * @param key   metadata key
     * @param value the needle (see the class comment for its Java types)
     */
    record Equals(String key, Object value) implements FilterNode {
        public Equals {
            Objects.requireNonNull(key, "key");
            value = copyValue(value);
        }
    }

    /**
     * Typed comparison (HEAD {@code $eq $ne $gt $gte $lt $lte}). True when one reading of the operand
     * applies to the stored type and the stored value compares as {@code op} demands:
     * <ul>
     *   <li>{@code number}: the stored value is a JSON number; {@code decimal}: a JSON number or a
     *       string in {@link FilterSemantics#parseDecimal decimal syntax}; compared exactly;</li>
     *   <li>{@code datetime}: a string in {@link FilterSemantics#DATETIME_PATTERN}, compared as instants;</li>
     *   <li>{@code date}: a string in {@link FilterSemantics#DATE_PATTERN}, compared as dates;</li>
     *   <li>{@code string}: a JSON string, equal code point for code point ({@code EQ}/{@code NE} only).</li>
     * </ul>
     * {@link Comparison#NE} holds when the key is present with a non-null value and {@code EQ} does not
     * hold: documents lacking the field never match {@code $ne}.
     */
    record Compare(String key, Comparison op, TypedOperand operand) implements FilterNode {
        public Compare {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** The key is present in {@code metadata}, whatever its value (JSON null included). */
    record Exists(String key) implements FilterNode {
        public Exists {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The stored type of the key (its {@code metadata_types} entry, {@code string} when there is
     * none, also for a missing key) is one of {@code types} (canonical names, spec §3.3).
     */
    record HasType(String key, Set<String> types) implements FilterNode {
        public HasType {
            Objects.requireNonNull(key, "key");
            types = Collections.unmodifiableSet(new TreeSet<>(types));
            if (types.isEmpty()) {
                throw new IllegalArgumentException("no types");
            }
        }
    }

    /**
     * The stored value is a string, or an array with a string element, in which {@code pattern}
     * finds a match ({@link FilterSemantics#compileRegex}).
     */
    record Regex(String key, String pattern, boolean caseInsensitive) implements FilterNode {
        public Regex {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /**
     * The stored value is a string, or an array with a string element, containing {@code text}
     * (after {@link FilterSemantics#foldCase} of both sides unless {@code caseSensitive}).
     */
    record Contains(String key, String text, boolean caseSensitive) implements FilterNode {
        public Contains {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The filename column compared with a string by code points. {@link Comparison#NE} also holds for a
     * document without a filename (SQL {@code IS DISTINCT FROM}); the other operators never do.
     */
    record FilenameCompare(Comparison op, String value) implements FilterNode {
        public FilenameCompare {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The filename is one of {@code values} (non-empty; a missing filename is never in it). */
    record FilenameIn(List<String> values) implements FilterNode {
        public FilenameIn {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("no values");
            }
        }
    }

    /** The document has no filename. */
    record FilenameIsNull() implements FilterNode {
    }

    /** The filename exists and {@code pattern} finds a match in it. */
    record FilenameRegex(String pattern, boolean caseInsensitive) implements FilterNode {
        public FilenameRegex {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** The filename exists and contains {@code text} (folded as for {@link Contains}). */
    record FilenameContains(String text, boolean caseSensitive) implements FilterNode {
        public FilenameContains {
            Objects.requireNonNull(text, "text");
        }
    }

    private static List<FilterNode> nonEmpty(List<FilterNode> children) {
        List<FilterNode> copy = List.copyOf(children);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a logical node needs at least one child");
        }
        return copy;
    }

    /** Deep, unmodifiable copy that keeps nulls and refuses any other Java type. */
    private static Object copyValue(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case BigDecimal n -> n;
            case Boolean b -> b;
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(copyValue(item));
                }
                yield Collections.unmodifiableList(out);
            }
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("object keys must be strings");
                    }
                    out.put(key, copyValue(e.getValue()));
                }
                yield Collections.unmodifiableMap(out);
            }
            default -> throw new IllegalArgumentException("unsupported filter value type " + value.getClass().getName());
        };
    }
}
