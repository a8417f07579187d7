package quire.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import quire.spi.parser.Parser;

/**
 * Chooses a parser for a content type: an exact match first, then a {@code type/*} wildcard.
 * When two parsers claim the same type the first one registered wins.
 */
public final class ParserRegistry {
    private final Map<String, Parser> exact = new LinkedHashMap<>();
    private final Map<String, Parser> wildcard = new LinkedHashMap<>();

    public ParserRegistry(List<? extends Parser> parsers) {
        for (Parser p : parsers) {
            for (String type : p.contentTypes()) {
                String t = normalize(type);
                if (t.endsWith("/*")) {
                    wildcard.putIfAbsent(t.substring(0, t.length() - 2), p);
                } else {
                    exact.putIfAbsent(t, p);
                }
            }
        }
    }

    /** @return the parser for this type, if any */
    public Optional<Parser> forType(String contentType) {
        String t = normalize(contentType);
        Parser p = exact.get(t);
        if (p == null) {
            int slash = t.indexOf('/');
            p = slash > 0 ? wildcard.get(t.substring(0, slash)) : null;
        }
        return Optional.ofNullable(p);
    }

    /** @return every supported type, for error messages */
    public Set<String> supportedTypes() {
        Set<String> all = new TreeSet<>(exact.keySet());
        wildcard.keySet().forEach(w -> all.add(w + "/*"));
        return all;
    }

    static String normalize(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        String t = semi >= 0 ? contentType.substring(0, semi) : contentType;
        return t.trim().toLowerCase(Locale.ROOT);
    }
}
