package quire.spi.parser;

import java.util.List;
import java.util.Map;

/**
 * What a parser found.
 *
 * @param sections           text in document order (a page, a slide, a sheet, a paragraph run)
 * @param pageCount          number of pages when the format has pages, else null
 * @param additionalMetadata parser facts for {@code additional_metadata} (title, author ...)
 */
public record ParsedDocument(List<Section> sections, Integer pageCount, Map<String, String> additionalMetadata) {
    public ParsedDocument {
        sections = List.copyOf(sections);
        additionalMetadata = additionalMetadata == null ? Map.of() : Map.copyOf(additionalMetadata);
    }

    /** @return all text joined by blank lines */
    public String fullText() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(s.text());
        }
        return sb.toString();
    }
}
