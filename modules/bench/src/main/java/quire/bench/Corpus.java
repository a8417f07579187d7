package quire.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Picks the benchmark's documents from a corpus directory, deterministically. */
final class Corpus {
    private static final Set<String> EXTENSIONS = Set.of("html", "htm", "txt", "md", "pdf", "docx", "pptx", "xlsx");

    private Corpus() {
    }

    /**
     * Spreads the pick over the whole sorted corpus (every k-th file) so one run sees short and
     * long pages of every section, not the first directory only.
     *
     * @return {@code count} files, fewer when the corpus is smaller
     */
    static List<Path> pick(Path directory, int count) throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.walk(directory)) {
            all = files.filter(Files::isRegularFile).filter(Corpus::supported).sorted().toList();
        }
        if (all.size() <= count) {
            return all;
        }
        List<Path> out = new ArrayList<>(count);
        double step = (double) all.size() / count;
        for (int i = 0; i < count; i++) {
            out.add(all.get((int) (i * step)));
        }
        return out;
    }

    private static boolean supported(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** @return a MIME type for the upload part; the server sniffs anyway */
    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return "text/html";
        }
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (name.endsWith(".txt") || name.endsWith(".md")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
