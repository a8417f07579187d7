package quire.plugin.parser.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.testkit.ParserLayerCheck;
import quire.spi.testkit.PluginLayerProbe;

/**
 * Proves the packaged plugin jar and its runtime jars work as their own module layer over a
 * boot layer that holds only the JDK and {@code quire.spi}, as in the distribution's
 * {@code plugins/text/}: {@link PluginLayerProbe} runs {@link ParserLayerCheck} in a fresh JVM,
 * because this test's own boot layer already holds the plugin's libraries.
 */
class PluginLayerIT {

    @TempDir
    Path dir;

    @Test
    void loadsAsItsOwnLayerAndParses() throws Exception {
        PluginLayerProbe probe = PluginLayerProbe.fromFailsafeProperties();
        Path sample = dir.resolve("sample");
        writeSample(sample);
        String output = probe.run(ParserLayerCheck.class, sample.toString(), "text/html");
        assertTrue(output.contains("factory=text module=quire.plugin.parser.text layer=true"), output);
        assertTrue(output.contains("text=Layer works"), output);
    }

    private static void writeSample(Path sample) throws IOException {
        Files.writeString(sample, "<html><head><title>T</title><script>x()</script></head><body><h1>Layer works</h1></body></html>");
    }
}
