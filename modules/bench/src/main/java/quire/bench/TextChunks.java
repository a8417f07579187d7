package quire.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Paragraph chunks of HTML pages, without the server: block elements end a paragraph, tags go,
 * short paragraphs are merged up to {@link #TARGET} characters and long ones cut at a space.
 * Repeated texts (navigation, footers) are kept once. Pages are visited in a seeded shuffle so
 * that any prefix of the chunks mixes every corpus directory.
 */
final class TextChunks {
    /** about 30-40 tokens, a sentence or two: the two manuals hold only ~15 MB of distinct text, and 100k chunks are wanted */
    static final int TARGET = 150;
    private static final int MIN = 40;
    private static final Pattern SKIP = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>");
    private static final Pattern BLOCK = Pattern.compile(
            "(?i)</?(p|div|pre|li|ul|ol|dd|dt|dl|tr|table|h[1-6]|blockquote|section|br|hr|td|th)(\\s[^>]*)?/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TextChunks() {
    }

    /** One chunk and the page it came from (an ordinal in the shuffled page list). */
    record Chunk(int page, String text) {
    }

    /** @return the HTML pages under the directories, in a seeded shuffle */
    static List<Path> pages(List<Path> directories) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : directories) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.html?"))
                        .sorted().forEach(all::add);
            }
        }
        Collections.shuffle(all, new Random(42));
        return all;
    }

    /**
     * Calls {@code sink} with every distinct chunk, page after page, until it returns false.
     */
    static void forEach(List<Path> pages, java.util.function.Predicate<Chunk> sink) throws IOException {
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < pages.size(); page++) {
            String html = new String(Files.readAllBytes(pages.get(page)), StandardCharsets.UTF_8);
            for (String text : chunks(html)) {
                if (seen.add(text) && !sink.test(new Chunk(page, text))) {
                    return;
                }
            }
        }
    }

    /** @return the page's chunks in reading order */
    static List<String> chunks(String html) {
        String body = SKIP.matcher(html).replaceAll(" ");
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String block : BLOCK.split(body)) {
            String text = SPACE.matcher(unescape(TAG.matcher(block).replaceAll(" "))).replaceAll(" ").strip();
            if (text.isEmpty()) {
                continue;
            }
            if (current.length() > 0 && current.length() + 1 + text.length() > TARGET) {
                flush(current, out);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(text);
            while (current.length() > TARGET * 3 / 2) {
                int cut = current.lastIndexOf(" ", TARGET);
                cut = cut < MIN ? TARGET : cut;
                out.add(current.substring(0, cut).strip());
                current.delete(0, cut);
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        String text = current.toString().strip();
        if (text.length() >= MIN) {
            out.add(text);
        }
        current.setLength(0);
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&#160;", " ").replace("&para;", "").replace("&#182;", "")
                .replace("&amp;", "&");
    }
}
