package quire.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No production source of the project calls {@code jakarta.json.Json}'s factories, each of which
 * looks the provider up again (see {@link Json}); tests may.
 */
class NoPerCallLookupTest {
    private static final Pattern PER_CALL = Pattern.compile("import\\s+jakarta\\.json\\.Json\\s*;|jakarta\\.json\\.Json\\s*\\.\\s*create");

    @Test
    void productionSourcesUseQuireJson() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent().getParent();
        assertTrue(Files.isDirectory(root.resolve("modules")) && Files.isDirectory(root.resolve("plugins")),
                "run from modules/json inside the project: " + root);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .toList();
        }
        assertTrue(sources.size() > 100, "found the project's sources: " + sources.size());
        List<String> offenders = sources.stream()
                .filter(p -> !p.startsWith(root.resolve("modules/json")))
                .filter(p -> PER_CALL.matcher(read(p)).find())
                .map(p -> root.relativize(p).toString())
                .toList();
        assertTrue(offenders.isEmpty(), "use quire.json.Json instead of jakarta.json.Json in " + offenders);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
