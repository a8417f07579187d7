package quire.api.http.multipart;

import java.util.Objects;

/**
 * A non-file part of a form: a part whose {@code Content-Disposition} has no {@code filename}.
 *
 * @param name  the field name as sent (never {@code null}, may be empty)
 * @param value the value decoded as UTF-8 (malformed sequences replaced by U+FFFD)
 */
public record FormField(String name, String value) {

    /** Rejects nulls. */
    public FormField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
