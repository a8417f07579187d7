package quire.plugin.parser.text;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page: scripts, styles and navigation dropped; headings,
 * paragraphs, list items and table rows on their own lines; table cells separated by tabs;
 * preformatted text kept as it is.
 */
final class HtmlText {
    /** Elements that never hold document text, or hold only site chrome. */
    static final String BOILERPLATE = "script, style, noscript, template, nav, [role=navigation], iframe, object, embed, svg, canvas, footer";

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "header", "hgroup", "hr", "li",
        "main", "ol", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "br");
    /** Blocks that read best with a blank line around them. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "blockquote");

    /** The title and text of a page. */
    record Page(String title, String text) {
    }

    private HtmlText() {
    }

    static Page extract(String html) {
        Document doc = Jsoup.parse(html);
        String title = doc.title().strip();
        doc.select(BOILERPLATE).remove();
        Element body = doc.body();
        Writer writer = new Writer();
        NodeTraversor.traverse(writer, body);
        return new Page(title, TextNormalizer.tidy(writer.out.toString()));
    }

    private static final class Writer implements NodeVisitor {
        final StringBuilder out = new StringBuilder();
        private int preDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (preDepth > 0) {
                    out.append(text.getWholeText());
                } else {
                    appendCollapsed(text.getWholeText());
                }
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("pre")) {
                    preDepth++;
                }
                if (PARAGRAPHS.contains(tag)) {
                    blankLine();
                } else if (BLOCKS.contains(tag)) {
                    newLine();
                } else if ((tag.equals("td") || tag.equals("th")) && e.elementSiblingIndex() > 0) {
                    trimTrailingSpace();
                    out.append('\t');
                }
                if (tag.equals("li")) {
                    out.append("- ");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("pre")) {
                    preDepth--;
                }
                if (PARAGRAPHS.contains(tag)) {
                    blankLine();
                } else if (BLOCKS.contains(tag)) {
                    newLine();
                }
            }
        }

        private void appendCollapsed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void trimTrailingSpace() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }

        private void newLine() {
            trimTrailingSpace();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        private void blankLine() {
            newLine();
            if (out.length() >= 2 && out.charAt(out.length() - 2) != '\n') {
                out.append('\n');
            }
        }
    }
}
