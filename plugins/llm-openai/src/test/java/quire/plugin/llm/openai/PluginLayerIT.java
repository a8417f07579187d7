package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the packaged plugin jar and its runtime jars (jakarta.json-api, Parsson) work as their
 * own module layer over a boot layer that holds only the JDK and {@code quire.spi}, as in the
 * distribution's {@code plugins/llm-openai/}: the factory is found, and completing, streaming and
 * structured output all work, which needs Parsson found inside the layer. A fresh JVM runs
 * {@code LayerProbe.java} (a test resource), because this test's own boot layer already holds
 * the plugin's libraries. Run twice: with the plugin's own jakarta.json and Parsson in the layer,
 * and as in the image, where those jars live in the boot layer and the folder holds the plugin only.
 */
class PluginLayerIT {

    @TempDir
    Path dir;

    @Test
    void loadsAsItsOwnLayerWithItsLibraries() throws Exception {
        String output = probe(List.of("--module-path", property("quire.spi.dir"), "--add-modules", "quire.spi"),
                List.of(property("quire.plugin.jar"), property("quire.plugin.dir")));
        assertTrue(output.contains("factory=openai module=quire.plugin.llm.openai layer=true modules=3"), output);
        assertAnswers(output);
    }

    /** The image's case: jakarta.json and Parsson sit in lib/ (the boot layer), the plugin folder holds only the plugin. */
    @Test
    void loadsAsItsOwnLayerOverABootLayerThatHasJakartaJson() throws Exception {
        String modulePath = property("quire.spi.dir") + java.io.File.pathSeparator + property("quire.plugin.dir");
        String output = probe(List.of("--module-path", modulePath, "--add-modules", "quire.spi,jakarta.json,org.eclipse.parsson"),
                List.of(property("quire.plugin.jar")));
        assertTrue(output.contains("factory=openai module=quire.plugin.llm.openai layer=true modules=1"), output);
        assertAnswers(output);
    }

    private static void assertAnswers(String output) {
        assertTrue(output.contains("complete=Layer works tokens=5"), output);
        assertTrue(output.contains("stream=[Layer ][streams] tokens=6"), output);
        assertTrue(output.contains("json={\"ok\":true}"), output);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        Assumptions.assumeTrue(value != null, name + " not set: run through failsafe");
        return value;
    }

    private String probe(List<String> jvmOptions, List<String> args) throws Exception {
        Path probe = dir.resolve("LayerProbe.java");
        if (!Files.exists(probe)) {
            try (InputStream in = PluginLayerIT.class.getResourceAsStream("/LayerProbe.java")) {
                Files.copy(in, probe);
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add(probe.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
