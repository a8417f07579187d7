package quire.plugin.parser.text;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import quire.spi.ProviderInfo;
import quire.spi.parser.ParseException;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;
import quire.spi.parser.Section;

/**
 * Reads text formats. HTML becomes its readable text; every other format is kept as written
 * (Markdown syntax, CSV commas, JSON and XML markup carry meaning a reader and an LLM use),
 * with line ends normalised. The whole document is one section.
 */
final class TextParser implements Parser {
    static final String HTML = "text/html";
    static final String XHTML = "application/xhtml+xml";
    static final String MARKDOWN = "text/markdown";
    private static final Set<String> TYPES = Set.of("text/plain", MARKDOWN, "text/x-markdown", HTML, XHTML, "text/csv",
        "text/tab-separated-values", "application/json", "application/xml", "text/xml");
    private static final int TITLE_SCAN_LINES = 40;

    private final long maxCharacters;
    private final TextDecoder decoder;

    TextParser(long maxCharacters) {
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("max-characters must be positive, was " + maxCharacters);
        }
        this.maxCharacters = maxCharacters;
        this.decoder = new TextDecoder(maxCharacters);
    }

    @Override
    public Set<String> contentTypes() {
        return TYPES;
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(TextParserFactory.ID, Map.of("max-characters", Long.toString(maxCharacters)));
    }

    @Override
    public ParsedDocument parse(ParseRequest request) throws ParseException, IOException {
        String type = baseType(request.contentType());
        if (!TYPES.contains(type)) {
            throw new ParseException("the text parser does not read " + type);
        }
        boolean html = type.equals(HTML) || type.equals(XHTML);
        TextDecoder.Decoded decoded = decoder.decode(request.file(), html);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("charset", decoded.charset().name());
        String text;
        try {
            if (html) {
                HtmlText.Page page = HtmlText.extract(decoded.text());
                text = page.text();
                if (!page.title().isEmpty()) {
                    metadata.put("title", page.title());
                }
            } else {
                text = TextNormalizer.lineEnds(decoded.text());
                if (type.equals(MARKDOWN) || type.equals("text/x-markdown")) {
                    String title = markdownTitle(text);
                    if (title != null) {
                        metadata.put("title", title);
                    }
                }
            }
        } catch (StackOverflowError e) {
            // absurdly deep nesting in hostile HTML: fail this document, not the worker
            throw new ParseException("document nesting is too deep to parse");
        }
        List<Section> sections = text.isBlank() ? List.of() : List.of(Section.of(text));
        return new ParsedDocument(sections, null, metadata);
    }

    /** Holds nothing that needs releasing. */
    @Override
    public void close() {
    }

    /** The first ATX heading ({@code # Title}) near the top, if any. */
    static String markdownTitle(String text) {
        int lines = 0;
        int start = 0;
        while (start < text.length() && lines++ < TITLE_SCAN_LINES) {
            int end = text.indexOf('\n', start);
            String line = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
            if (line.startsWith("# ")) {
                String title = line.substring(2).strip();
                return title.isEmpty() ? null : title;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return null;
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
