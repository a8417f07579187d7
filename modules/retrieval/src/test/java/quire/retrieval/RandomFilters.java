package quire.retrieval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Seeded generator of documents (typed metadata, as the catalog stores it) and of filters over them,
 * valid and invalid. Values stay inside the documented common subset where SQLite, PostgreSQL and
 * memory must agree exactly: numbers with few significant digits, fractions of at most six digits,
 * strings without newlines, case pairs with a simple one-to-one mapping, regexes from a fixed pool.
 */
final class RandomFilters {
    static final List<String> KEYS = List.of("title", "score", "price", "due", "at", "flag", "tags", "author",
            "nil", "it's", "quo\"te", "dot.key", "$money", "ключ", "mixed", "missing");
    private static final List<String> WORDS = List.of("alpha", "Alpha", "ALPHA", "beta", "ÉCOLE", "école", "naïve",
            "Ωmega", "ωmega", "it's", "say \"hi\"", "back\\slash", "50%_off", "", "2025-01-02", "12", "q1 Report",
            "Q3 report", "ключ", "Ключ", "x.y", "über", "ÜBER");
    private static final List<String> REGEXES = List.of("^al", "pha$", "a.c", "[ae]c", "^[A-Z]", "o(le|ga)", "[0-9]",
            "\\d+", "x*y?", "é", "^$", "ω", "it's", "\"", "%", "_", "\\.", "b{1,2}", "^q[1-4] report", "(?:al|be)ta",
            "ü", "КЛЮЧ", "[^a-z]");
    private static final List<String> NEEDLES = List.of("al", "ÉC", "école", "'", "\"", "%", "_", "\\", "mega", "Ω",
            "ÜB", "ключ", "REP", "q", "2025");
    private static final List<String> FILENAMES = List.of("a.pdf", "B.PDF", "notes.txt", "Report Q1.docx",
            "école.md", "it's.txt", "50%_off.csv", "zeta", "Zeta", "ünï.txt");
    private static final List<String> TYPE_NAMES = List.of("string", "number", "decimal", "boolean", "datetime",
            "date", "array", "object", "null", "str", "int", "float", "bool", "timestamp", "list", "dict", "TEXT");

    private final Random random;

    RandomFilters(long seed) {
        this.random = new Random(seed);
    }

    // ---- documents -------------------------------------------------------------------------

    /** A document's metadata and metadata_types. */
    record Doc(JsonObject metadata, JsonObject types, String filename) {
    }

    Doc document() {
        JsonObjectBuilder m = Json.createObjectBuilder();
        JsonObjectBuilder t = Json.createObjectBuilder();
        for (String key : KEYS) {
            if (key.equals("missing") || random.nextInt(10) < 2) {
                continue;
            }
            String type = switch (key) {
                case "title", "it's", "quo\"te", "ключ" -> "string";
                case "score" -> "number";
                case "price" -> "decimal";
                case "due" -> "date";
                case "at" -> "datetime";
                case "flag" -> "boolean";
                case "tags", "dot.key" -> "array";
                case "author", "$money" -> "object";
                case "nil" -> "null";
                default -> pick(List.of("string", "number", "decimal", "date", "datetime", "boolean", "array",
                        "object", "null"));
            };
            m.add(key, value(type));
            // strings sometimes carry no type entry (older documents): they default to string
            if (!type.equals("string") || random.nextBoolean()) {
                t.add(key, type);
            }
        }
        return new Doc(m.build(), t.build(), random.nextInt(8) == 0 ? null : pick(FILENAMES));
    }

    private JsonValue value(String type) {
        return switch (type) {
            case "string" -> Json.createValue(pick(WORDS));
            case "number" -> number();
            case "decimal" -> Json.createValue(decimal().toPlainString());
            case "date" -> Json.createValue(date());
            case "datetime" -> Json.createValue(datetime());
            case "boolean" -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case "array" -> {
                JsonArrayBuilder a = Json.createArrayBuilder();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(scalarOrObject());
                }
                yield a.build();
            }
            case "object" -> object();
            default -> JsonValue.NULL;
        };
    }

    private JsonValue scalarOrObject() {
        return switch (random.nextInt(7)) {
            case 0 -> number();
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> JsonValue.NULL;
            case 3 -> object();
            default -> Json.createValue(pick(WORDS));
        };
    }

    private JsonObject object() {
        JsonObjectBuilder o = Json.createObjectBuilder();
        if (random.nextBoolean()) {
            o.add("name", pick(List.of("Ada", "Grace", "ÉCOLE", "it's")));
        }
        if (random.nextBoolean()) {
            o.add("age", random.nextInt(5) + 30);
        }
        if (random.nextInt(3) == 0) {
            o.add("tags", Json.createArrayBuilder().add(pick(WORDS)).add(random.nextInt(3)));
        }
        return o.build();
    }

    private JsonValue number() {
        return random.nextBoolean() ? Json.createValue(random.nextInt(26) - 5) : Json.createValue(decimal());
    }

    private BigDecimal decimal() {
        return BigDecimal.valueOf(random.nextInt(4001) - 1000, random.nextInt(3));
    }

    private String date() {
        return String.format("20%02d-%02d-%02d", 23 + random.nextInt(3), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private String datetime() {
        String time = String.format("%02d:%02d", random.nextInt(24), random.nextInt(60));
        if (random.nextBoolean()) {
            time += String.format(":%02d", random.nextInt(60));
            if (random.nextInt(3) == 0) {
                time += "." + "123456".substring(0, 1 + random.nextInt(6));
            }
        }
        String offset = pick(List.of("", "Z", "+02:00", "-05:30", "+0100", "-03"));
        return date() + (random.nextInt(5) == 0 ? " " : "T") + time + offset;
    }

    // ---- filters --------------------------------------------------------------------------------

    /** @return a filter; {@code invalid} ones are built to be refused by the parser */
    JsonValue filter(boolean invalid) {
        if (invalid) {
            return invalidFilter();
        }
        if (random.nextInt(10) == 0) {
            return Json.createArrayBuilder().add(clauses(1)).add(clauses(1)).build();
        }
        return clauses(0);
    }

    private JsonObject clauses(int depth) {
        JsonObjectBuilder o = Json.createObjectBuilder();
        int n = depth == 0 && random.nextInt(3) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            int roll = random.nextInt(10);
            if (depth < 3 && roll < 3) {
                String op = pick(List.of("$and", "$or", "$nor", "$not"));
                if (op.equals("$not")) {
                    o.add(op, clauses(depth + 1));
                } else {
                    JsonArrayBuilder list = Json.createArrayBuilder();
                    int k = 1 + random.nextInt(3);
                    for (int j = 0; j < k; j++) {
                        list.add(clauses(depth + 1));
                    }
                    o.add(op, list);
                }
            } else if (roll == 3) {
                o.add("filename", filenameValue(depth));
            } else {
                o.add(pick(KEYS), fieldValue(depth));
            }
        }
        return o.build();
    }

    private JsonValue fieldValue(int depth) {
        return switch (random.nextInt(8)) {
            case 0 -> scalar();
            case 1 -> Json.createArrayBuilder().add(scalar()).add(scalar()).build();
            case 2 -> random.nextBoolean() ? object() : Json.createObjectBuilder().build();
            default -> operators(depth);
        };
    }

    private JsonValue scalar() {
        return switch (random.nextInt(9)) {
            case 0 -> number();
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> JsonValue.NULL;
            case 3 -> Json.createValue(date());
            default -> Json.createValue(pick(WORDS));
        };
    }

    private JsonObject operators(int depth) {
        JsonObjectBuilder o = Json.createObjectBuilder();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            String op = pick(List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$not",
                    "$type", "$regex", "$contains", "$eq", "$ne", "$gte", "$lt"));
            switch (op) {
                case "$eq", "$ne" -> o.add(op, comparable(true));
                case "$gt", "$gte", "$lt", "$lte" -> o.add(op, comparable(false));
                case "$in", "$nin" -> {
                    JsonArrayBuilder list = Json.createArrayBuilder().add(scalar());
                    if (random.nextBoolean()) {
                        list.add(random.nextInt(4) == 0 ? Json.createObjectBuilder().add("$gt", number()).build() : scalar());
                    }
                    o.add(op, list);
                }
                case "$exists" -> o.add(op, pick(List.of(JsonValue.TRUE, JsonValue.FALSE, Json.createValue("yes"),
                        Json.createValue(0), Json.createValue("false"))));
                case "$not" -> o.add(op, depth < 3 ? fieldValue(depth + 1) : scalar());
                case "$type" -> o.add(op, random.nextBoolean() ? Json.createValue(pick(TYPE_NAMES))
                        : Json.createArrayBuilder().add(pick(TYPE_NAMES)).add(pick(TYPE_NAMES)).build());
                case "$regex" -> o.add(op, regex());
                default -> o.add(op, substring());
            }
        }
        return o.build();
    }

    private JsonValue comparable(boolean equality) {
        return switch (random.nextInt(equality ? 6 : 5)) {
            case 0 -> number();
            case 1 -> Json.createValue(decimal().toPlainString());
            case 2 -> Json.createValue(date());
            case 3 -> Json.createValue(datetime());
            case 4 -> Json.createValue(String.valueOf(random.nextInt(20)));
            default -> Json.createValue(pick(WORDS.stream().filter(w -> !w.isBlank()).toList()));
        };
    }

    private JsonValue regex() {
        String pattern = pick(REGEXES);
        return random.nextBoolean() ? Json.createValue(pattern)
                : Json.createObjectBuilder().add("pattern", pattern).add("flags", random.nextBoolean() ? "i" : "").build();
    }

    private JsonValue substring() {
        String needle = pick(NEEDLES);
        return random.nextBoolean() ? Json.createValue(needle)
                : Json.createObjectBuilder().add("value", needle).add("case_sensitive", random.nextBoolean()).build();
    }

    private JsonValue filenameValue(int depth) {
        return switch (random.nextInt(6)) {
            case 0 -> Json.createValue(pick(FILENAMES));
            case 1 -> Json.createArrayBuilder().add(pick(FILENAMES)).add(random.nextBoolean() ? JsonValue.NULL
                    : Json.createValue(pick(FILENAMES))).build();
            default -> {
                String op = pick(List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists",
                        "$regex", "$contains", "$not", "$or"));
                JsonObjectBuilder o = Json.createObjectBuilder();
                switch (op) {
                    case "$eq", "$ne" -> o.add(op, random.nextInt(5) == 0 ? JsonValue.NULL : Json.createValue(pick(FILENAMES)));
                    case "$in", "$nin" -> o.add(op, Json.createArrayBuilder().add(pick(FILENAMES))
                            .add(random.nextBoolean() ? JsonValue.NULL : Json.createValue(pick(FILENAMES))));
                    case "$exists" -> o.add(op, random.nextBoolean());
                    case "$regex" -> o.add(op, regex());
                    case "$contains" -> o.add(op, substring());
                    case "$not" -> o.add(op, Json.createObjectBuilder().add("$contains", substring()));
                    case "$or" -> o.add(op, Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("$eq", pick(FILENAMES)))
                            .add(Json.createObjectBuilder().add("$regex", regex())));
                    default -> o.add(op, pick(FILENAMES));
                }
                yield o.build();
            }
        };
    }

    private JsonValue invalidFilter() {
        JsonObjectBuilder bad = Json.createObjectBuilder();
        String key = pick(KEYS.stream().filter(k -> !k.startsWith("$")).toList());
        switch (random.nextInt(14)) {
            case 0 -> bad.add(key, Json.createObjectBuilder().add("$in", "x"));
            case 1 -> bad.add(key, Json.createObjectBuilder().add("$foo", 1));
            case 2 -> bad.add(key, Json.createObjectBuilder().add("$regex",
                    Json.createObjectBuilder().add("pattern", "a").add("flags", "gi")));
            case 3 -> bad.add(key, Json.createObjectBuilder().add("$type", "bogus"));
            case 4 -> bad.add(key, Json.createObjectBuilder().add("$exists", JsonValue.NULL));
            case 5 -> bad.add(key, Json.createObjectBuilder().add("$eq", JsonValue.TRUE));
            case 6 -> bad.add(key, Json.createObjectBuilder().add("$gt", "not a number"));
            case 7 -> bad.add("$and", Json.createArrayBuilder());
            case 8 -> bad.add(key, Json.createArrayBuilder());
            case 9 -> bad.add("filename", Json.createObjectBuilder().add("a", 1));
            case 10 -> bad.add(key, Json.createObjectBuilder().add("$regex", "(unclosed"));
            case 11 -> bad.add("$or", Json.createArrayBuilder().add(1));
            case 12 -> bad.add(key, Json.createObjectBuilder().add("$contains", Json.createObjectBuilder().add("value", "")));
            default -> {
                // valid outside, invalid deep inside
                return Json.createObjectBuilder().add("$or", Json.createArrayBuilder().add(clauses(2))
                        .add(Json.createObjectBuilder().add(key, Json.createObjectBuilder().add("$nin", 5)))).build();
            }
        }
        return random.nextBoolean() ? bad.build()
                : Json.createObjectBuilder().add("$and", Json.createArrayBuilder().add(clauses(2)).add(bad)).build();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
