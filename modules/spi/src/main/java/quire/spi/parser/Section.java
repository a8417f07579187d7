package quire.spi.parser;

import java.util.Map;
import java.util.Objects;

/**
 * A run of text with where it came from.
 *
 * @param text       the text
 * @param pageNumber 1-based page (or slide) number, null when the format has none
 * @param metadata   extra keys for the chunk metadata (sheet name, heading ...)
 */
public record Section(String text, Integer pageNumber, Map<String, String> metadata) {
    public Section {
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Section of(String text) {
        return new Section(text, null, Map.of());
    }

    public static Section page(String text, int pageNumber) {
        return new Section(text, pageNumber, Map.of());
    }
}
