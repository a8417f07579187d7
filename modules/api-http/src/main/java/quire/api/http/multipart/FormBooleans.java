package quire.api.http.multipart;

import java.util.Locale;
import java.util.Set;

/**
 * Morphik's reading of boolean form strings such as {@code use_colpali}: only {@code true},
 * {@code 1}, {@code yes}, {@code y} and {@code on} (any case) are true; anything else, and a missing
 * field, is false (spec §0.1). No trimming, as the reference server does none.
 */
public final class FormBooleans {

    private static final Set<String> TRUE_VALUES = Set.of("true", "1", "yes", "y", "on");

    private FormBooleans() {
    }

    /**
     * @param value the form string, or {@code null} when the field was absent
     * @return whether it is one of the true spellings
     */
    public static boolean parse(String value) {
        return value != null && TRUE_VALUES.contains(value.toLowerCase(Locale.ROOT));
    }
}
