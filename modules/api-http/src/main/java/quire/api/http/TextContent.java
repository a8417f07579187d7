package quire.api.http;

import java.util.Locale;
import java.util.UUID;

/**
 * What {@code /ingest/text} and {@code update_text} decide about text before it is queued
 * (spec §1.4, HEAD): whether it looks like HTML, and the file name it is stored under.
 */
final class TextContent {

    /** Markers read from the start of the text only; a mention deep inside prose is not a page. */
    private static final String[] HTML_MARKERS = {"<!doctype html", "<html", "<head", "<body"};
    private static final int SNIFF_CHARS = 4096;

    private TextContent() {
    }

    /** @return true when the text starts like an HTML page */
    static boolean looksLikeHtml(String content) {
        String head = content.substring(0, Math.min(content.length(), SNIFF_CHARS)).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1).stripLeading();
        }
        if (!head.startsWith("<")) {
            return false;
        }
        for (String marker : HTML_MARKERS) {
            if (head.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * HEAD's naming: no name gives {@code document_text_<32 hex>.txt} ({@code .html} for HTML);
     * a name without an extension gets one appended. The name is otherwise kept verbatim: it is
     * only ever stored, never used as a path.
     *
     * @param requested the client's name, may be null or blank
     * @param html      whether the content looks like HTML
     */
    static String filename(String requested, boolean html) {
        String extension = html ? ".html" : ".txt";
        if (requested == null || requested.isBlank()) {
            return "document_text_" + UUID.randomUUID().toString().replace("-", "") + extension;
        }
        return hasExtension(requested) ? requested : requested + extension;
    }

    private static boolean hasExtension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String last = name.substring(slash + 1);
        int dot = last.lastIndexOf('.');
        // ".bashrc" is a hidden name, not an extension; "report." has none either
        return dot > 0 && dot < last.length() - 1;
    }
}
