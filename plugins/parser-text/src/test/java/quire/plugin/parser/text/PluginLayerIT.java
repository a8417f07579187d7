package quire.plugin.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the packaged plugin jar and its runtime jars work as their own module layer over a
 * boot layer that holds only the JDK and {@code quire.spi}, as in the distribution's
 * {@code plugins/text/}. A fresh JVM runs {@code LayerProbe.java} (a test resource), because this
 * test's own boot layer already holds the plugin's libraries.
 */
class PluginLayerIT {

    @TempDir
    Path dir;

    @Test
    void loadsAsItsOwnLayerAndParses() throws Exception {
        String jar = System.getProperty("quire.plugin.jar");
        String deps = System.getProperty("quire.plugin.dir");
        String spi = System.getProperty("quire.spi.dir");
        Assumptions.assumeTrue(jar != null && deps != null && spi != null, "quire.plugin.* properties not set: run through failsafe");
        Path probe = dir.resolve("LayerProbe.java");
        try (InputStream in = PluginLayerIT.class.getResourceAsStream("/LayerProbe.java")) {
            Files.copy(in, probe);
        }
        Path sample = dir.resolve("sample");
        writeSample(sample);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--module-path", spi, "--add-modules", "quire.spi",
            probe.toString(), jar, deps, sample.toString(), "text/html")
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("factory=text module=quire.plugin.parser.text layer=true"), output);
        assertTrue(output.contains("text=Layer works"), output);
    }

    private static void writeSample(Path sample) throws IOException {
        Files.writeString(sample, "<html><head><title>T</title><script>x()</script></head><body><h1>Layer works</h1></body></html>");
    }
}
