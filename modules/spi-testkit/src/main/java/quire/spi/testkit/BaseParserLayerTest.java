package quire.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves a packaged parser plugin (its jar and its runtime jars) works as its own module layer
 * over a boot layer that holds only the JDK and {@code quire.spi}, as in the distribution's
 * {@code plugins/<id>/}: {@link PluginLayerProbe} runs {@link ParserLayerCheck} in a fresh JVM,
 * because the test's own boot layer already holds the plugin's libraries. A parser plugin extends
 * this as {@code PluginLayerIT}, so failsafe runs it after {@code package} with
 * {@value PluginLayerProbe#PLUGIN_JAR_PROPERTY} and {@value PluginLayerProbe#PLUGIN_DIR_PROPERTY} set.
 */
public abstract class BaseParserLayerTest {
    private final String factoryId;
    private final String moduleName;
    private final String contentType;

    @TempDir
    Path directory;

    /**
     * @param factoryId   the parser factory's id
     * @param moduleName  the plugin's module
     * @param contentType the content type of the sample
     */
    protected BaseParserLayerTest(String factoryId, String moduleName, String contentType) {
        this.factoryId = factoryId;
        this.moduleName = moduleName;
        this.contentType = contentType;
    }

    /**
     * Writes a sample of the content type given to the constructor whose text is {@code Layer works}.
     *
     * @param sample where to write it
     */
    protected abstract void writeSample(Path sample) throws Exception;

    @Test
    void loadsAsItsOwnLayerAndParses() throws Exception {
        PluginLayerProbe probe = PluginLayerProbe.fromFailsafeProperties();
        Path sample = directory.resolve("sample");
        writeSample(sample);
        String output = probe.run(ParserLayerCheck.class, sample.toString(), contentType);
        assertTrue(output.contains("factory=" + factoryId + " module=" + moduleName + " layer=true"), output);
        assertTrue(output.contains("text=Layer works"), output);
    }
}
