package quire.plugin.parser.office;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.ooxml.POIXMLProperties;

/** Helpers shared by the Office formats. */
final class OfficeText {
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\u00a0]+\\n");
    private static final Pattern MANY_BLANK_LINES = Pattern.compile("\\n{3,}");

    private OfficeText() {
    }

    /** @return the text with {@code \n} line ends, no trailing spaces, at most one blank line in a row, trimmed */
    static String tidy(CharSequence s) {
        String t = s.toString().replace("\r\n", "\n").replace('\r', '\n').replace('\u000b', '\n').replace("\u0000", "");
        t = TRAILING_SPACE.matcher(t).replaceAll("\n");
        return MANY_BLANK_LINES.matcher(t).replaceAll("\n\n").strip();
    }

    /** @return title, author and subject from the package's core properties, when set */
    static Map<String, String> coreMetadata(POIXMLProperties properties) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (properties != null && properties.getCoreProperties() != null) {
            POIXMLProperties.CoreProperties core = properties.getCoreProperties();
            put(metadata, "title", core.getTitle());
            put(metadata, "author", core.getCreator());
            put(metadata, "subject", core.getSubject());
        }
        return metadata;
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value.strip());
        }
    }
}
