package quire.plugin.parser.text;

import java.util.regex.Pattern;

/** Line-ending and blank-line clean-up shared by every text format. */
final class TextNormalizer {
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00a0]+\\n");
    private static final Pattern MANY_BLANK_LINES = Pattern.compile("\\n{3,}");

    private TextNormalizer() {
    }

    /** @return the text with {@code \n} line ends and NUL characters removed (they break databases) */
    static String lineEnds(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "");
    }

    /** @return the text with trailing spaces and runs of blank lines removed, trimmed */
    static String tidy(String s) {
        String t = TRAILING_SPACE.matcher(lineEnds(s)).replaceAll("\n");
        return MANY_BLANK_LINES.matcher(t).replaceAll("\n\n").strip();
    }
}
