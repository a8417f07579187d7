package quire.apitests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.json.Json;

/**
 * Generates malformed and hostile requests for one route from a {@link Random}: wrong JSON types,
 * missing and unknown fields, huge and negative numbers, NaN-like strings, 5000-deep nesting,
 * 100k-character strings, lone surrogates and other Unicode edge cases, invalid UTF-8, wrong
 * content types, non-object bodies, random filters (valid and invalid), hostile path segments,
 * garbage query strings, broken multipart bodies and odd headers. Every case carries a stable
 * {@code kind} label (no random data in it) so a failing case can be named in a known-bug list.
 *
 * <p>The same seed and route give the same cases: nothing here reads the clock or the server.
 */
final class HostileRequests {

    /** What a field holds when the request is valid. */
    enum Kind { STR, INT, NUM, BOOL, OBJ, STRS, FILTER, FOLDERS, ARRAY, JOBS, SOURCES, FILE, FILES, JSON_TEXT }

    /** How the route takes its input. */
    enum Body { NONE, JSON, MULTIPART }

    /** A body, form or query field of a route. */
    record Field(String name, Kind kind, boolean required) {
    }

    static Field req(String name, Kind kind) {
        return new Field(name, kind, true);
    }

    static Field opt(String name, Kind kind) {
        return new Field(name, kind, false);
    }

    /**
     * A registered route. Path parameters are {@code {name}} placeholders filled from the
     * generator's values (already percent-encoded for a path).
     */
    record Route(String method, String template, Body body, List<Field> fields, List<Field> query) {
        String id() {
            return method + " " + template;
        }

        List<String> pathParams() {
            List<String> out = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z_]+)}").matcher(template);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    /** One generated request and its stable label. */
    record Case(String kind, RawHttp.Request request) {
    }

    private static final int DEEP = 5000;
    private static final int LONG = 100_000;

    /** Hostile JSON values with a label each: wrong types, odd numbers, odd strings. */
    private static final String[][] VALUES = {
            {"null", "null"}, {"true", "true"}, {"false", "false"}, {"zero", "0"}, {"negative", "-1"},
            {"minLong", "-9223372036854775808"}, {"maxLong", "9223372036854775807"},
            {"overLong", "9223372036854775808"}, {"underLong", "-9223372036854775809"},
            {"hugeInt", "1234567890123456789012345678901234567890"}, {"hugeFloat", "1e400"},
            {"negHugeFloat", "-1e400"}, {"tinyFloat", "1e-400"}, {"fraction", "0.5"}, {"negZero", "-0.0"},
            {"intFloat", "100.0"}, {"overInt", "2147483648"}, {"underInt", "-2147483649"},
            {"bigExponent", "1E+2147483648"}, {"emptyString", "\"\""}, {"blankString", "\" \""},
            {"nanString", "\"NaN\""}, {"infString", "\"Infinity\""}, {"negInfString", "\"-Infinity\""},
            {"numberString", "\"12\""}, {"hexString", "\"0x10\""}, {"boolString", "\"true\""},
            {"nullString", "\"null\""}, {"word", "\"abc\""}, {"emptyArray", "[]"}, {"nullArray", "[null]"},
            {"numberArray", "[1,2,3]"}, {"mixedArray", "[\"a\",1,null,{}]"}, {"nestedArray", "[[[]]]"},
            {"emptyObject", "{}"}, {"nullMember", "{\"a\":null}"}, {"operatorObject", "{\"$gt\":1}"},
            {"emptyKey", "{\"\":\"\"}"}, {"dateString", "\"2024-13-45T99:99:99\""},
    };

    /** Unicode and injection edge cases as JSON string literals (escapes stay escapes on the wire). */
    private static final String[][] STRINGS = {
            {"loneHigh", "\"\\ud800\""}, {"loneLow", "\"\\udfff\""}, {"reversedPair", "\"\\udc00\\ud800\""},
            {"surrogateInWord", "\"a\\ud800b\""}, {"maxCodePoint", "\"\\udbff\\udfff\""},
            {"rtl", "\"\\u202e\\u202dabc\\u200f\\u061c\\u200e\""}, {"combining", "\"e" + "\\u0301".repeat(2000) + "\""},
            {"bom", "\"\\ufeff\""}, {"nonCharacters", "\"\\uffff\\ufffe\""}, {"lineSeparators", "\"\\u2028\\u2029\\u0085\""},
            {"controls", "\"\\u0001\\u001f\\u007f\\b\\f\""}, {"nul", "\"a\\u0000b\""}, {"emoji", "\"\uD83D\uDC69\u200D\uD83D\uDC67\""},
            {"zalgo", "\"Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\""},
            {"traversal", "\"../../etc/passwd\""}, {"percent", "\"%2F%00%ZZ\""}, {"sql", "\"'; DROP TABLE documents;--\""},
            {"quotes", "\"\\\"\\\\'`\""}, {"html", "\"<script>alert(1)</script>\""}, {"jsonText", "\"{\\\"a\\\":1}\""},
            {"slashes", "\"/a//b/../c/\""}, {"dotdot", "\"..\""}, {"fullwidth", "\"\uff46\uff55\uff5a\uff5a\""},
            {"newlines", "\"a\\r\\nb\\nc\""}, {"onlySlash", "\"/\""}, {"tab", "\"\\t\""},
    };

    private static final String[][] SEGMENTS = {
            {"slash", "%2F"}, {"encodedSlashInside", "a%2Fb"}, {"encodedTraversal", "%2F..%2F..%2Fetc%2Fpasswd"},
            {"nul", "%00"}, {"nulInside", "a%00b"}, {"badPercent", "%ZZ"}, {"lonePercent", "%"}, {"shortPercent", "%2"},
            {"dotdot", ".."}, {"dot", "."}, {"encodedDotdot", "%2e%2e"}, {"empty", ""}, {"long", "a".repeat(5000)},
            {"veryLong", "x".repeat(20_000)}, {"overlongSlash", "%C0%AF"}, {"invalidUtf8", "%FF%FE"},
            {"encodedSurrogate", "%ED%A0%80"}, {"rtl", "%E2%80%AE"}, {"astral", "%F0%9F%92%A9"}, {"space", "%20"},
            {"plus", "+"}, {"semicolon", "a;b=c"}, {"question", "%3F"}, {"hash", "%23"}, {"percentPercent", "a%25b"},
            {"unicodeEscape", "%u0041"}, {"rawLatin1", "\u00e9"}, {"crlf", "a%0D%0Ab"}, {"braces", "%7Bx%7D"},
            {"star", "*"}, {"backslash", "a%5Cb"}, {"tilde", "~"},
    };

    private static final String[][] QUERY_VALUES = {
            {"empty", ""}, {"word", "abc"}, {"negative", "-1"}, {"zero", "0"}, {"huge", "99999999999999999999"},
            {"hugeFloat", "1e400"}, {"nan", "NaN"}, {"inf", "inf"}, {"negInf", "-Infinity"}, {"fraction", "1.5"},
            {"bool", "true"}, {"badPercent", "%ZZ"}, {"nul", "%00"}, {"invalidUtf8", "%FF"},
            {"encodedSurrogate", "%ED%A0%80"}, {"long", "a".repeat(10_000)}, {"rtl", "%E2%80%AE"},
            {"list", "%5B1%5D"}, {"object", "%7B%7D"}, {"null", "null"}, {"badDate", "2024-13-45T99:99:99"},
            {"badOffset", "2024-01-01T00:00:00%2B99:00"}, {"padded", "%20%205%20%20"}, {"hex", "0x10"},
            {"underscore", "1_000"}, {"plusSign", "%2B5"}, {"arabicDigit", "%D9%A3"}, {"minLong", "-9223372036854775808"},
            {"overLong", "9223372036854775808"},
    };

    private final Random rnd;
    private final Map<String, String> values;
    private final String token;
    private final List<String[]> hostileAuthorizations;

    /**
     * @param values                path and body values of existing things: {@code document_id},
     *                              {@code folder}, {@code chat_id}, {@code config_id}, {@code model_id},
     *                              {@code filename} (decoded; encoded here for paths)
     * @param token                 bearer token sent by default (jwt mode), or null (dev mode)
     * @param hostileAuthorizations labelled Authorization values (bad tokens), may be empty
     */
    HostileRequests(Random rnd, Map<String, String> values, String token, List<String[]> hostileAuthorizations) {
        this.rnd = rnd;
        this.values = values;
        this.token = token;
        this.hostileAuthorizations = hostileAuthorizations;
    }

    /** @return the next hostile request for {@code route} */
    Case next(Route route) {
        int roll = rnd.nextInt(100);
        if (route.body() == Body.JSON) {
            if (roll < 40) {
                return json(route);
            }
            if (roll < 50 && route.fields().stream().anyMatch(f -> f.kind() == Kind.FILTER)) {
                return filter(route);
            }
            if (roll < 58) {
                return contentType(route);
            }
        } else if (route.body() == Body.MULTIPART) {
            if (roll < 55) {
                return multipart(route);
            }
            if (roll < 62) {
                return contentType(route);
            }
        } else if (roll < 8) {
            return bodyWithoutBody(route);
        }
        roll = rnd.nextInt(100);
        if (!route.pathParams().isEmpty() && roll < 40) {
            return path(route);
        }
        if (roll < 68) {
            return query(route);
        }
        if (roll < 95) {
            return header(route);
        }
        return method(route);
    }

    /** @return a valid request for {@code route} (what every mutation starts from) */
    Draft valid(Route route) {
        Draft d = new Draft(route.method(), renderPath(route, null, null));
        if (token != null) {
            d.headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        if (route.body() == Body.JSON) {
            d.contentType("application/json");
            d.body = utf8(object(validMembers(route)));
        } else if (route.body() == Body.MULTIPART) {
            Form form = validForm(route);
            d.contentType("multipart/form-data; boundary=" + form.boundary);
            d.body = form.bytes();
        }
        return d;
    }

    // ---------------------------------------------------------------- JSON bodies

    private Case json(Route route) {
        Draft d = valid(route);
        Map<String, String> members = validMembers(route);
        Field f = route.fields().isEmpty() ? null : pick(route.fields());
        String name = f == null ? "x" : f.name();
        String kind;
        switch (rnd.nextInt(18)) {
            case 0, 1 -> {
                String[] v = pick(VALUES);
                members.put(name, v[1]);
                kind = "json.wrongType[" + name + "=" + v[0] + "]";
            }
            case 2 -> {
                Field missing = route.fields().stream().filter(Field::required).findFirst().orElse(f);
                if (missing != null) {
                    members.remove(missing.name());
                }
                kind = "json.missing[" + (missing == null ? "-" : missing.name()) + "]";
            }
            case 3 -> {
                String[] key = pick(new String[][] {{"empty", ""}, {"dollar", "$and"}, {"proto", "__proto__"},
                        {"long", "k".repeat(10_000)}, {"dotted", "a.b.c"}, {"unicode", "\u202e\ud83d\ude00"}});
                members.put(key[1], pick(VALUES)[1]);
                kind = "json.unknownField[" + key[0] + "]";
            }
            case 4 -> {
                members.put(name, jsonString(longText()));
                kind = "json.longString[" + name + "]";
            }
            case 5, 6 -> {
                String[] s = pick(STRINGS);
                members.put(name, s[1]);
                kind = "json.unicode[" + name + "=" + s[0] + "]";
            }
            case 7 -> {
                boolean arrays = rnd.nextBoolean();
                members.put(name, deep(DEEP, arrays));
                kind = "json.deepField[" + name + "=" + (arrays ? "arrays" : "objects") + "]";
            }
            case 8 -> {
                int depth = pick(new Integer[] {DEEP, 1000, 1001, 10_000});
                d.body = utf8(deep(depth, rnd.nextBoolean()));
                return new Case("json.deepBody[" + depth + "]", d.build());
            }
            case 9 -> {
                String[] body = pick(new String[][] {{"array", "[]"}, {"arrayOfObject", "[" + object(members) + "]"},
                        {"string", "\"text\""}, {"number", "123"}, {"null", "null"}, {"true", "true"},
                        {"hugeFloat", "-1e400"}, {"loneSurrogate", "\"\\ud800\""}});
                d.body = utf8(body[1]);
                return new Case("json.nonObject[" + body[0] + "]", d.build());
            }
            case 10 -> {
                String[] body = pick(new String[][] {{"empty", ""}, {"blank", "  \r\n "}, {"nulByte", "\u0000"}});
                d.body = utf8(body[1]);
                return new Case("json.emptyBody[" + body[0] + "]", d.build());
            }
            case 11 -> {
                String text = object(members);
                d.body = utf8(text.substring(0, 1 + rnd.nextInt(Math.max(1, text.length() - 1))));
                return new Case("json.truncated", d.build());
            }
            case 12 -> {
                String[] bad = pick(new String[][] {{"c3", "\u00c3("}, {"ff", "\u00ff"}, {"surrogateBytes", "\u00ed\u00a0\u0080"},
                        {"overlong", "\u00c0\u00af"}, {"truncatedSequence", "\u00e2\u0082"}, {"continuation", "\u0080"}});
                members.put(name, "\"@@BAD@@\"");
                d.body = replace(utf8(object(members)), "@@BAD@@", bad[1].getBytes(StandardCharsets.ISO_8859_1));
                return new Case("json.invalidUtf8[" + name + "=" + bad[0] + "]", d.build());
            }
            case 13 -> {
                // the valid value first, then a hostile one under the same key (last one wins in Python)
                members.put(name, members.getOrDefault(name, "\"fuzz\""));
                String text = object(members);
                d.body = utf8(text.substring(0, text.length() - 1) + "," + jsonString(name) + ":" + pick(VALUES)[1] + "}");
                return new Case("json.duplicateKey[" + name + "]", d.build());
            }
            case 14 -> {
                String[] tail = pick(new String[][] {{"brace", "}"}, {"bracket", "]"}, {"word", "x"}, {"object", "{}"},
                        {"nul", "\u0000"}, {"comment", "//c"}, {"comma", ","}});
                d.body = utf8(object(members) + tail[1]);
                return new Case("json.trailing[" + tail[0] + "]", d.build());
            }
            case 15 -> {
                byte[] body = utf8(object(members));
                byte[] withBom = new byte[body.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(body, 0, withBom, 3, body.length);
                d.body = withBom;
                return new Case("json.bom", d.build());
            }
            case 16 -> {
                String[] body = pick(new String[][] {{"singleQuotes", "{'a':1}"}, {"bareKey", "{a:1}"},
                        {"trailingComma", "{\"a\":1,}"}, {"nanLiteral", "{\"" + name + "\":NaN}"},
                        {"infinityLiteral", "{\"" + name + "\":Infinity}"}, {"leadingZero", "{\"" + name + "\":007}"},
                        {"plusNumber", "{\"" + name + "\":+1}"}, {"badEscape", "{\"" + name + "\":\"\\x41\"}"},
                        {"shortUnicodeEscape", "{\"" + name + "\":\"\\u12\"}"}, {"rawControl", "{\"" + name + "\":\"a\u0001b\"}"},
                        {"utf16", null}});
                if (body[1] == null) {
                    d.body = object(members).getBytes(StandardCharsets.UTF_16LE);
                    d.contentType("application/json; charset=utf-16");
                } else {
                    d.body = utf8(body[1]);
                }
                return new Case("json.syntax[" + body[0] + "]", d.build());
            }
            default -> {
                for (Field each : route.fields()) {
                    members.put(each.name(), pick(VALUES)[1]);
                }
                kind = "json.allWrong";
            }
        }
        d.body = utf8(object(members));
        return new Case(kind, d.build());
    }

    private Case filter(Route route) {
        Draft d = valid(route);
        Map<String, String> members = validMembers(route);
        Field f = route.fields().stream().filter(x -> x.kind() == Kind.FILTER).findFirst().orElseThrow();
        int roll = rnd.nextInt(10);
        String kind;
        if (roll < 4) {
            members.put(f.name(), filterTree(0, false));
            kind = "filter.valid[" + f.name() + "]";
        } else if (roll < 9) {
            members.put(f.name(), filterTree(0, true));
            kind = "filter.random[" + f.name() + "]";
        } else {
            String[] deep = pick(new String[][] {
                    {"and", "{\"$and\":[".repeat(2500) + "{\"k\":1}" + "]}".repeat(2500)},
                    {"not", "{\"$not\":".repeat(DEEP) + "{\"k\":1}" + "}".repeat(DEEP)},
                    {"or", "{\"$or\":[".repeat(900) + "{\"k\":1}" + "]}".repeat(900)},
                    {"value", "{\"k\":{\"$eq\":" + deep(DEEP, false) + "}}"}});
            members.put(f.name(), deep[1]);
            kind = "filter.deep[" + f.name() + "=" + deep[0] + "]";
        }
        d.body = utf8(object(members));
        return new Case(kind, d.build());
    }

    /** A random filter; {@code wild} mixes in invalid operators, operands and shapes. */
    private String filterTree(int depth, boolean wild) {
        int roll = rnd.nextInt(wild ? 24 : 12);
        if (depth >= 3 && roll < 4) {
            roll = 5;
        }
        String key = jsonString(pick(new String[] {"k", "topic", "n", "a.b", "created_at", "filename", "folder_name",
                "end_user_id", "external_id", wild ? "metadata->>'x'" : "x", wild ? "a') OR 1=1 --" : "y",
                wild ? "" : "z", wild ? "k".repeat(2000) : "w", wild ? "$k" : "v"}));
        return switch (roll) {
            case 0 -> "{\"$and\":[" + filterTree(depth + 1, wild) + "," + filterTree(depth + 1, wild) + "]}";
            case 1 -> "{\"$or\":[" + filterTree(depth + 1, wild) + "," + filterTree(depth + 1, wild) + "]}";
            case 2 -> "{\"$nor\":[" + filterTree(depth + 1, wild) + "]}";
            case 3 -> "{\"$not\":" + filterTree(depth + 1, wild) + "}";
            case 4 -> "{" + key + ":" + scalar(wild) + "," + "\"other\":" + scalar(wild) + "}";
            case 5 -> "{" + key + ":" + scalar(wild) + "}";
            case 6 -> "{" + key + ":{\"" + pick(new String[] {"$eq", "$ne", "$gt", "$gte", "$lt", "$lte"}) + "\":"
                    + scalar(wild) + "}}";
            case 7 -> "{" + key + ":{\"" + pick(new String[] {"$in", "$nin"}) + "\":[" + scalar(wild) + "," + scalar(wild)
                    + "]}}";
            case 8 -> "{" + key + ":{\"$exists\":" + rnd.nextBoolean() + "}}";
            case 9 -> "{" + key + ":{\"$regex\":" + jsonString(pick(new String[] {"^a", "fuzz.*", "(?i)x", "\\d+"})) + "}}";
            case 10 -> "{" + key + ":{\"$type\":" + jsonString(pick(new String[] {"string", "number", "boolean",
                    "array", "object", "null", "datetime", "date"})) + "}}";
            case 11 -> "{" + key + ":{\"$contains\":" + scalar(wild) + "}}";
            // invalid from here on
            case 12 -> "{\"" + pick(new String[] {"$and", "$or", "$nor"}) + "\":" + pick(new String[] {"5", "{}", "[]",
                    "\"x\"", "null", "[1]", "[[]]"}) + "}";
            case 13 -> "{" + key + ":{\"" + pick(new String[] {"$bogus", "$where", "$elemMatch", "$size", "$", "$EQ"})
                    + "\":1}}";
            case 14 -> "{" + key + ":{\"" + pick(new String[] {"$in", "$nin"}) + "\":" + pick(new String[] {"5", "\"x\"",
                    "{}", "null"}) + "}}";
            case 15 -> "{" + key + ":{\"$regex\":" + pick(new String[] {"\"(\"", "\"[\"", "\"a{99999999999}\"",
                    "\"(a+)+$\"", "5", "{\"pattern\":\"[\",\"flags\":\"zz\"}", "\"\\\\\"", "\"(?<\"", "null"}) + "}}";
            case 16 -> "{" + key + ":{\"$gt\":" + pick(new String[] {"[1]", "{}", "\"2024-01-01\"", "1e400", "null",
                    "true", "\"\\ud800\""}) + "}}";
            case 17 -> "{\"$not\":" + pick(new String[] {"[]", "5", "null", "{}", "\"x\""}) + "}";
            case 18 -> "{" + key + ":{\"$exists\":" + pick(new String[] {"\"yes\"", "1", "null", "[]"}) + "}}";
            case 19 -> "{" + key + ":{\"$type\":" + pick(new String[] {"\"nope\"", "5", "null", "[\"string\"]"}) + "}}";
            case 20 -> "{" + key + ":{\"$eq\":1,\"$ne\":2,\"$bogus\":3}}";
            case 21 -> "{" + key + ":{}}";
            case 22 -> pick(new String[] {"[]", "[{\"k\":1}]", "5", "\"k\"", "true", "{}"});
            default -> "{" + key + ":{\"$contains\":" + pick(new String[] {"{}", "[]", "null", "{\"value\":1}"}) + "}}";
        };
    }

    private String scalar(boolean wild) {
        if (wild && rnd.nextInt(3) == 0) {
            return rnd.nextBoolean() ? pick(VALUES)[1] : pick(STRINGS)[1];
        }
        return pick(new String[] {"\"fuzz\"", "1", "2.5", "true", "null", "\"2024-01-01T00:00:00Z\"", "-3", "\"\""});
    }

    // ---------------------------------------------------------------- content types and methods

    private Case contentType(Route route) {
        Draft d = valid(route);
        String[] ct;
        if (route.body() == Body.JSON) {
            ct = pick(new String[][] {{"none", null}, {"textPlain", "text/plain"}, {"xml", "application/xml"},
                    {"form", "application/x-www-form-urlencoded"}, {"multipartNoBoundary", "multipart/form-data"},
                    {"multipart", "multipart/form-data; boundary=xyz"}, {"charsetBogus", "application/json; charset=bogus"},
                    {"charsetUtf16", "application/json; charset=utf-16"}, {"semicolons", ";;;"}, {"list", "application/json, text/plain"},
                    {"star", "*/*"}, {"nonAscii", "application/json\u00ff"}, {"octets", "application/octet-stream"},
                    {"empty", ""}, {"params", "application/json; a=\"b; c=d"}});
        } else {
            ct = pick(new String[][] {{"none", null}, {"json", "application/json"}, {"mixed", "multipart/mixed; boundary=x"},
                    {"emptyBoundary", "multipart/form-data; boundary="}, {"twoBoundaries",
                    "multipart/form-data; boundary=aaa; boundary=bbb"}, {"unterminatedQuote", "multipart/form-data; boundary=\"abc"},
                    {"form", "application/x-www-form-urlencoded"}, {"textPlain", "text/plain"},
                    {"boundaryOnly", "boundary=abc"}, {"empty", ""}, {"nonAscii", "multipart/form-data; boundary=\u00ff\u00fe"}});
        }
        d.headers.removeIf(h -> h.getKey().equals("Content-Type"));
        if (ct[1] != null) {
            d.headers.add(Map.entry("Content-Type", ct[1]));
        }
        return new Case("contentType[" + ct[0] + "]", d.build());
    }

    private Case method(Route route) {
        Draft d = valid(route);
        String[] methods = {"PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO", "get", "POST", "GET", "HEAD"};
        String m;
        do {
            m = pick(methods);
        } while (m.equals(route.method()));
        d.method = m;
        return new Case("method[" + m + "]", d.build());
    }

    private Case bodyWithoutBody(Route route) {
        Draft d = valid(route);
        String[] body = pick(new String[][] {{"json", "{\"a\":1}"}, {"garbage", "\u00ff\u00fe\u0000garbage"},
                {"deep", deep(DEEP, true)}});
        d.body = body[1].getBytes(StandardCharsets.ISO_8859_1);
        d.contentType("application/json");
        return new Case("unexpectedBody[" + body[0] + "]", d.build());
    }

    // ---------------------------------------------------------------- paths, queries, headers

    private Case path(Route route) {
        String param = pick(route.pathParams().toArray(new String[0]));
        if (rnd.nextInt(5) == 0) {
            Draft d = valid(route);
            String[] shape = pick(new String[][] {{"trailingSlash", d.path + "/"}, {"doubleSlash", d.path.replaceFirst("/", "//")},
                    {"dotSegment", d.path.replaceFirst("/", "/./")}, {"parentSegment", "/x/.." + d.path},
                    {"upperCase", d.path.toUpperCase(java.util.Locale.ROOT)}, {"extraSegment", d.path + "/extra"},
                    {"encodedFirstSlash", "%2F" + d.path.substring(1)}, {"noLeadingSlash", d.path.substring(1)},
                    {"absoluteUri", "http://example.com" + d.path}, {"fragment", d.path + "#frag"}});
            d.path = shape[1];
            return new Case("path.shape[" + shape[0] + "]", d.build());
        }
        String[] seg = pick(SEGMENTS);
        Draft d = valid(route);
        d.path = renderPath(route, param, seg[1]);
        return new Case("path[" + param + "=" + seg[0] + "]", d.build());
    }

    private Case query(Route route) {
        Draft d = valid(route);
        List<String> names = new ArrayList<>(route.query().stream().map(Field::name).toList());
        names.add("unknown");
        String name = pick(names.toArray(new String[0]));
        int roll = rnd.nextInt(6);
        String kind;
        if (roll < 3) {
            String[] v = pick(QUERY_VALUES);
            d.query = validQuery(route, name) + name + "=" + v[1];
            kind = "query[" + name + "=" + v[0] + "]";
        } else if (roll == 3) {
            d.query = validQuery(route, null) + name + "=1&" + name + "=2&" + name + "=x";
            kind = "query.repeated[" + name + "]";
        } else if (roll == 4) {
            String[] v = pick(new String[][] {{"noValue", name}, {"emptyValue", name + "="}, {"noName", "=1"},
                    {"ampersands", "&&&"}, {"question", "?"}, {"badPercentName", "%ZZ=1"}, {"nulName", "%00=1"},
                    {"brackets", name + "[]=1"}, {"semicolons", name + "=1;" + name + "=2"}, {"plus", name + "=+"},
                    {"lonePercent", "%"}, {"long", "q".repeat(20_000) + "=1"}, {"rawLatin1", name + "=\u00e9"}});
            d.query = validQuery(route, null) + v[1];
            kind = "query.shape[" + v[0] + "]";
        } else {
            StringBuilder q = new StringBuilder();
            for (Field f : route.query()) {
                q.append(f.name()).append('=').append(pick(QUERY_VALUES)[1]).append('&');
            }
            d.query = q.toString();
            kind = "query.allWrong";
        }
        return new Case(kind, d.build());
    }

    private Case header(Route route) {
        Draft d = valid(route);
        int roll = rnd.nextInt(token != null && !hostileAuthorizations.isEmpty() ? 18 : 16);
        String kind;
        switch (roll) {
            case 0 -> {
                d.headers.add(Map.entry("Authorization", "Bearer first"));
                d.headers.add(Map.entry("Authorization", "Bearer second"));
                kind = "header.twoAuthorizations";
            }
            case 1 -> {
                String[] v = pick(new String[][] {{"empty", ""}, {"bearerOnly", "Bearer"}, {"bearerSpace", "Bearer "},
                        {"basic", "Basic Zm9vOmJhcg=="}, {"lowerCase", "bearer abc"}, {"dots", "Bearer a.b.c"},
                        {"long", "Bearer " + "x".repeat(16_000)}, {"nonAscii", "Bearer \u00ff\u00fe"}});
                d.headers.removeIf(h -> h.getKey().equals("Authorization"));
                d.headers.add(Map.entry("Authorization", v[1]));
                kind = "header.authorization[" + v[0] + "]";
            }
            case 2 -> {
                d.headers.add(Map.entry("Transfer-Encoding", "chunked"));
                d.body = chunked(d.body, "");
                kind = "header.chunked";
            }
            case 3 -> {
                String[] v = pick(new String[][] {{"badSize", "zz\r\nabc\r\n0\r\n\r\n"},
                        {"hugeSize", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n"}, {"negativeSize", "-5\r\nabc\r\n0\r\n\r\n"},
                        {"extension", null}, {"missingCrlf", "3\r\nabcd0\r\n\r\n"}});
                d.headers.add(Map.entry("Transfer-Encoding", "chunked"));
                d.body = v[1] == null ? chunked(d.body, ";ext=1") : v[1].getBytes(StandardCharsets.ISO_8859_1);
                kind = "header.badChunked[" + v[0] + "]";
            }
            case 4 -> {
                d.headers.add(Map.entry("Transfer-Encoding", "chunked"));
                d.headers.add(Map.entry("Content-Length", String.valueOf(d.body.length)));
                d.body = chunked(d.body, "");
                kind = "header.lengthAndChunked";
            }
            case 5 -> {
                String[] v = pick(new String[][] {{"negative", "-1"}, {"word", "abc"}, {"huge", "99999999999999999999999"},
                        {"twoValues", "5, 6"}, {"short", String.valueOf(d.body.length / 2)}, {"zero", "0"}});
                d.headers.add(Map.entry("Content-Length", v[1]));
                kind = "header.contentLength[" + v[0] + "]";
            }
            case 6 -> {
                d.headers.add(Map.entry("Content-Length", String.valueOf(d.body.length)));
                d.headers.add(Map.entry("Content-Length", String.valueOf(d.body.length + 1)));
                kind = "header.twoContentLengths";
            }
            case 7 -> {
                String[] v = pick(new String[][] {{"gzip", "gzip"}, {"deflate", "deflate"}, {"bogus", "bogus"}, {"br", "br"}});
                d.headers.add(Map.entry("Content-Encoding", v[1]));
                kind = "header.contentEncoding[" + v[0] + "]";
            }
            case 8 -> {
                d.headers.add(Map.entry("Expect", rnd.nextBoolean() ? "100-continue" : "bogus"));
                kind = "header.expect";
            }
            case 9 -> {
                d.headers.add(Map.entry("X-Fuzz", "\u00ff\u00fe\u0080 latin1"));
                kind = "header.nonAsciiValue";
            }
            case 10 -> {
                String[] v = pick(new String[][] {{"space", "Bad Header"}, {"colon", "Bad:Header"}, {"empty", ""},
                        {"nonAscii", "X-\u00e9"}});
                d.headers.add(Map.entry(v[1], "x"));
                kind = "header.badName[" + v[0] + "]";
            }
            case 11 -> {
                d.noHost = true;
                if (rnd.nextBoolean()) {
                    d.headers.add(Map.entry("Host", "a"));
                    d.headers.add(Map.entry("Host", "b"));
                    kind = "header.twoHosts";
                } else {
                    kind = "header.noHost";
                }
            }
            case 12 -> {
                d.headers.add(Map.entry("X-Long", "v".repeat(rnd.nextBoolean() ? 8_000 : 70_000)));
                kind = "header.long";
            }
            case 13 -> {
                for (int i = 0; i < 300; i++) {
                    d.headers.add(Map.entry("X-Many-" + i, "v"));
                }
                kind = "header.many";
            }
            case 14 -> {
                String[] v = pick(new String[][] {{"origin", "Origin"}, {"accept", "Accept"}, {"acceptCharset", "Accept-Charset"},
                        {"forwarded", "X-Forwarded-For"}, {"range", "Range"}, {"ifNoneMatch", "If-None-Match"}});
                d.headers.add(Map.entry(v[1], pick(new String[] {"garbage;;;", "null", "*/*;q=abc", "bytes=abc",
                        "\u00ff", "http://evil.example"})));
                kind = "header.odd[" + v[0] + "]";
            }
            case 15 -> {
                d.headers.add(Map.entry("Content-Length", String.valueOf(d.body.length + 10)));
                d.halfClose = true;
                kind = "header.bodyShorterThanLength";
            }
            default -> {
                String[] auth = hostileAuthorizations.get(rnd.nextInt(hostileAuthorizations.size()));
                d.headers.removeIf(h -> h.getKey().equals("Authorization"));
                if (roll == 16) {
                    d.headers.add(Map.entry("Authorization", auth[1]));
                    kind = "header.token[" + auth[0] + "]";
                } else {
                    d.headers.add(Map.entry("Authorization", "Bearer " + token));
                    d.headers.add(Map.entry("Authorization", auth[1]));
                    kind = "header.validAndBadToken[" + auth[0] + "]";
                }
            }
        }
        return new Case(kind, d.build());
    }

    // ---------------------------------------------------------------- multipart

    private Case multipart(Route route) {
        Draft d = valid(route);
        Form form = validForm(route);
        List<Field> plain = route.fields().stream().filter(f -> f.kind() != Kind.FILE && f.kind() != Kind.FILES).toList();
        Field fileField = route.fields().stream().filter(f -> f.kind() == Kind.FILE || f.kind() == Kind.FILES)
                .findFirst().orElseThrow();
        String kind;
        switch (rnd.nextInt(24)) {
            case 0, 1, 2 -> {
                Field f = pick(plain.toArray(new Field[0]));
                String[] v = rnd.nextBoolean() ? pick(VALUES) : pick(STRINGS);
                form.set(f.name(), v[1].startsWith("\"") && rnd.nextBoolean() ? unquote(v[1]) : v[1]);
                kind = "multipart.field[" + f.name() + "=" + v[0] + "]";
            }
            case 3 -> {
                Field f = pick(plain.toArray(new Field[0]));
                String[] v = pick(new String[][] {{"notJson", "{not json"}, {"deep", deep(DEEP, false)},
                        {"long", longText()}, {"arrayOfArrays", "[[1],[2]]"}, {"maybe", "maybe"}, {"empty", ""}});
                form.set(f.name(), v[1]);
                kind = "multipart.field[" + f.name() + "=" + v[0] + "]";
            }
            case 4, 5 -> {
                String[] c = pick(new String[][] {{"empty", ""}, {"binary", null}, {"fakePdf", "%PDF-1.7\n1 0 obj <<>>\ngarbage"},
                        {"fakeDocx", "PK\u0003\u0004garbage"}, {"html", "<html><body><p>fuzz</p></body></html>"},
                        {"whitespace", " \n\t "}, {"large", longText().repeat(2)}, {"invalidUtf8", "\u00ff\u00fe\u00c3("}});
                form.file(fileField.name()).content = c[1] == null ? randomBytes(2048) : c[1].getBytes(StandardCharsets.ISO_8859_1);
                kind = "multipart.fileContent[" + c[0] + "]";
            }
            case 6, 7 -> {
                String[] n = pick(new String[][] {{"traversal", "../../etc/passwd"}, {"dotdot", ".."}, {"dot", "."},
                        {"empty", ""}, {"slashes", "a/b\\c.txt"}, {"long", "n".repeat(10_000) + ".txt"},
                        {"rtl", "\u202etxt.exe"}, {"device", "CON"}, {"percentNul", "a%00b.txt"}, {"rawQuote", "a\"b.txt"},
                        {"semicolon", "x.txt\"; filename=\"y.txt"}, {"invalidUtf8", "\u00ff\u00fe.txt"},
                        {"noExtension", "README"}, {"crlf", "a\r\nX-Injected: 1"}});
                // latin-1 so the invalid-UTF-8 case keeps its raw bytes; the others are ASCII or encoded below
                form.file(fileField.name()).filename = n[0].equals("rtl") ? new String(utf8(n[1]), StandardCharsets.ISO_8859_1) : n[1];
                kind = "multipart.filename[" + n[0] + "]";
            }
            case 8 -> {
                byte[] body = form.bytes();
                d.body = java.util.Arrays.copyOf(body, rnd.nextInt(Math.max(1, body.length)));
                kind = "multipart.truncated";
            }
            case 9 -> {
                d.contentType("multipart/form-data; boundary=not-the-boundary");
                kind = "multipart.wrongBoundary";
            }
            case 10 -> {
                d.contentType("multipart/form-data");
                kind = "multipart.noBoundary";
            }
            case 11 -> {
                form.noFinal = true;
                kind = "multipart.noClosingDelimiter";
            }
            case 12 -> {
                form.file(fileField.name()).rawDisposition = pick(new String[] {"", "form-data", "attachment; name=\"file\"",
                        "form-data; name=", "form-data; name=\"unterminated", "form-data; filename=\"a.txt\"",
                        "form-data; name=\"" + fileField.name() + "\"; filename*=UTF-8''%E2%82%AC.txt",
                        "form-data; name=\"" + fileField.name() + "\"; filename*=bogus''%ZZ"});
                kind = "multipart.disposition";
            }
            case 13 -> {
                form.parts.removeIf(p -> p.filename != null);
                kind = "multipart.noFile";
            }
            case 14 -> {
                form.parts.add(new FormPart(fileField.name(), "second.txt", "text/plain", utf8("second file")));
                kind = "multipart.twoFiles";
            }
            case 15 -> {
                form.file(fileField.name()).extraHeader = "X-Long: " + "h".repeat(LONG);
                kind = "multipart.longPartHeader";
            }
            case 16 -> {
                for (int i = 0; i < 2000; i++) {
                    form.parts.add(new FormPart("extra" + i, null, null, utf8("v")));
                }
                kind = "multipart.manyParts";
            }
            case 17 -> {
                form.lineEnd = "\n";
                kind = "multipart.lfOnly";
            }
            case 18 -> {
                form.preamble = "preamble garbage\r\n";
                form.epilogue = "\r\nepilogue garbage --" + form.boundary;
                kind = "multipart.preambleAndEpilogue";
            }
            case 19 -> {
                Field f = pick(plain.toArray(new Field[0]));
                form.set(f.name(), "@@BAD@@");
                d.body = replace(form.bytes(), "@@BAD@@", new byte[] {(byte) 0xFF, (byte) 0xC3, 0x28, (byte) 0xED,
                        (byte) 0xA0, (byte) 0x80});
                d.contentType("multipart/form-data; boundary=" + form.boundary);
                return new Case("multipart.invalidUtf8[" + f.name() + "]", d.build());
            }
            case 20 -> {
                form.file(fileField.name()).extraHeader = "Bad header line without colon";
                kind = "multipart.headerWithoutColon";
            }
            case 21 -> {
                form.boundary = "b".repeat(rnd.nextBoolean() ? 71 : 5000);
                kind = "multipart.longBoundary";
            }
            case 22 -> {
                Field f = pick(plain.toArray(new Field[0]));
                form.parts.removeIf(p -> p.name.equals(f.name()));
                form.parts.add(new FormPart(f.name(), "field.json", "application/json", utf8("{\"a\":1}")));
                kind = "multipart.fieldAsFile[" + f.name() + "]";
            }
            default -> {
                form.file(fileField.name()).extraHeader = "Content-Transfer-Encoding: base64";
                form.file(fileField.name()).content = utf8("!!!not base64!!!");
                kind = "multipart.base64Encoding";
            }
        }
        if (!kind.equals("multipart.truncated")) {
            d.body = form.bytes();
        }
        if (!kind.equals("multipart.wrongBoundary") && !kind.equals("multipart.noBoundary")) {
            d.contentType("multipart/form-data; boundary=" + form.boundary);
        }
        return new Case(kind, d.build());
    }

    private Form validForm(Route route) {
        Form form = new Form("fuzz" + Long.toHexString(rnd.nextLong() & Long.MAX_VALUE));
        for (Field f : route.fields()) {
            if (!f.required() && rnd.nextBoolean()) {
                continue;
            }
            switch (f.kind()) {
                case FILE -> form.parts.add(new FormPart(f.name(), "fuzz.txt", "text/plain", utf8("fuzz file about seeds")));
                case FILES -> {
                    int n = 1 + rnd.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        form.parts.add(new FormPart(f.name(), "fuzz" + i + ".txt", "text/plain", utf8("fuzz file " + i)));
                    }
                }
                case JSON_TEXT -> form.parts.add(new FormPart(f.name(), null, null, utf8(f.name().equals("rules") ? "[]"
                        : "{\"topic\":\"fuzz\"}")));
                case BOOL -> form.parts.add(new FormPart(f.name(), null, null, utf8("false")));
                default -> form.parts.add(new FormPart(f.name(), null, null, utf8("fuzz")));
            }
        }
        return form;
    }

    /** A multipart form as the parts list plus the knobs mutations turn. */
    private static final class Form {
        String boundary;
        final List<FormPart> parts = new ArrayList<>();
        boolean noFinal;
        String lineEnd = "\r\n";
        String preamble = "";
        String epilogue = "";

        Form(String boundary) {
            this.boundary = boundary;
        }

        FormPart file(String name) {
            return parts.stream().filter(p -> p.filename != null).findFirst().orElseGet(() -> {
                FormPart p = new FormPart(name, "fuzz.txt", "text/plain", utf8("fuzz"));
                parts.add(p);
                return p;
            });
        }

        void set(String name, String value) {
            parts.removeIf(p -> p.name.equals(name) && p.filename == null);
            parts.add(new FormPart(name, null, null, utf8(value)));
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String nl = lineEnd;
            out.writeBytes(latin1(preamble));
            for (FormPart p : parts) {
                out.writeBytes(latin1("--" + boundary + nl));
                // an empty raw disposition leaves the header out
                String disposition = p.rawDisposition != null ? p.rawDisposition
                        : "form-data; name=\"" + p.name + "\"" + (p.filename == null ? "" : "; filename=\"" + p.filename + "\"");
                if (!disposition.isEmpty()) {
                    out.writeBytes(latin1("Content-Disposition: " + disposition + nl));
                }
                if (p.contentType != null) {
                    out.writeBytes(latin1("Content-Type: " + p.contentType + nl));
                }
                if (p.extraHeader != null) {
                    out.writeBytes(latin1(p.extraHeader + nl));
                }
                out.writeBytes(latin1(nl));
                out.writeBytes(p.content);
                out.writeBytes(latin1(nl));
            }
            if (!noFinal) {
                out.writeBytes(latin1("--" + boundary + "--" + nl));
            }
            out.writeBytes(latin1(epilogue));
            return out.toByteArray();
        }
    }

    /** A form part; {@code filename} non-null makes it a file. */
    private static final class FormPart {
        final String name;
        String filename;
        final String contentType;
        byte[] content;
        String rawDisposition;
        String extraHeader;

        FormPart(String name, String filename, String contentType, byte[] content) {
            this.name = name;
            this.filename = filename;
            this.contentType = contentType;
            this.content = content;
        }
    }

    // ---------------------------------------------------------------- building blocks

    /** A request under construction. */
    static final class Draft {
        String method;
        String path;
        String query;
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        byte[] body = new byte[0];
        boolean noHost;
        boolean halfClose;

        Draft(String method, String path) {
            this.method = method;
            this.path = path;
        }

        void contentType(String value) {
            headers.removeIf(h -> h.getKey().equals("Content-Type"));
            headers.add(Map.entry("Content-Type", value));
        }

        RawHttp.Request build() {
            String target = query == null ? path : path + "?" + query;
            return new RawHttp.Request(method, target, headers, body, noHost, halfClose);
        }
    }

    private Map<String, String> validMembers(Route route) {
        Map<String, String> members = new LinkedHashMap<>();
        for (Field f : route.fields()) {
            if (f.required() || rnd.nextBoolean()) {
                members.put(f.name(), validValue(f));
            }
        }
        return members;
    }

    private String validValue(Field f) {
        String doc = values.getOrDefault("document_id", "missing-doc");
        return switch (f.kind()) {
            case STR -> jsonString(switch (f.name()) {
                case "content" -> "Fuzz content about " + pick(new String[] {"seeds", "rivers", "ledgers"}) + ".";
                case "query" -> "fuzz seeds";
                case "sort_by" -> pick(new String[] {"updated_at", "created_at", "filename"});
                case "sort_direction" -> pick(new String[] {"asc", "desc"});
                case "output_format" -> pick(new String[] {"base64", "url", "text"});
                case "folder_name" -> values.getOrDefault("folder", "fuzz");
                default -> "fuzz";
            });
            case INT -> String.valueOf(1 + rnd.nextInt(5));
            case NUM -> "0.5";
            case BOOL -> String.valueOf(rnd.nextBoolean());
            case OBJ -> "{\"topic\":\"fuzz\",\"n\":" + rnd.nextInt(10) + "}";
            case STRS -> "[" + jsonString(doc) + ",\"b\"]";
            case FILTER -> filterTree(0, false);
            case FOLDERS -> rnd.nextBoolean() ? jsonString(values.getOrDefault("folder", "fuzz"))
                    : "[" + jsonString(values.getOrDefault("folder", "fuzz")) + ",\"other\"]";
            case ARRAY -> "[]";
            case JOBS -> "[{\"external_id\":" + jsonString(doc) + "}]";
            case SOURCES -> "[{\"document_id\":" + jsonString(doc) + ",\"chunk_number\":0}]";
            case JSON_TEXT -> jsonString("{}");
            case FILE, FILES -> "null";
        };
    }

    private String validQuery(Route route, String except) {
        StringBuilder q = new StringBuilder();
        for (Field f : route.query()) {
            if (f.name().equals(except) || (!f.required() && rnd.nextBoolean())) {
                continue;
            }
            String v = switch (f.kind()) {
                case INT -> String.valueOf(1 + rnd.nextInt(5));
                case NUM -> "1.5";
                case BOOL -> "true";
                default -> "fuzz";
            };
            q.append(f.name()).append('=').append(v).append('&');
        }
        return q.toString();
    }

    /** The route's path with its parameters filled; {@code raw} replaces parameter {@code param} verbatim. */
    private String renderPath(Route route, String param, String raw) {
        String path = route.template();
        for (String p : route.pathParams()) {
            String value = p.equals(param) ? raw : encodePath(values.getOrDefault(p, "missing"));
            path = path.replace("{" + p + "}", value);
        }
        return path;
    }

    /** Folder paths keep their slashes (the route reads several segments); everything else is one segment. */
    private static String encodePath(String value) {
        StringBuilder b = new StringBuilder();
        for (String part : value.split("/", -1)) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(HttpFixture.enc(part));
        }
        return value.isEmpty() ? "" : b.toString();
    }

    private static String object(Map<String, String> members) {
        StringBuilder b = new StringBuilder("{");
        members.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(jsonString(k)).append(':').append(v);
        });
        return b.append('}').toString();
    }

    static String jsonString(String s) {
        return Json.createValue(s).toString();
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1);
    }

    static String deep(int depth, boolean arrays) {
        return arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String longText() {
        if (rnd.nextBoolean()) {
            return "a".repeat(LONG);
        }
        StringBuilder b = new StringBuilder(LONG);
        String alphabet = "abc xyz \u00e9\u4e2d\u202e\u0301\n";
        while (b.length() < LONG) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] chunked(byte[] body, String extension) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int n = Math.min(4096, body.length - pos);
            out.writeBytes(latin1(Integer.toHexString(n) + extension + "\r\n"));
            out.write(body, pos, n);
            out.writeBytes(latin1("\r\n"));
            pos += n;
        }
        out.writeBytes(latin1("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] replace(byte[] haystack, String marker, byte[] replacement) {
        String text = new String(haystack, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        if (at < 0) {
            return haystack;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(haystack, 0, at);
        out.writeBytes(replacement);
        int after = at + marker.length();
        out.write(haystack, after, haystack.length - after);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private <T> T pick(T[] options) {
        return options[rnd.nextInt(options.length)];
    }

    private Field pick(List<Field> options) {
        return options.get(rnd.nextInt(options.size()));
    }
}
