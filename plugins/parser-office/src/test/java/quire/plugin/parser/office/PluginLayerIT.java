package quire.plugin.parser.office;

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
 * {@code plugins/office/}: {@link PluginLayerProbe} runs {@link ParserLayerCheck} in a fresh JVM,
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
        String output = probe.run(ParserLayerCheck.class, sample.toString(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertTrue(output.contains("factory=office module=quire.plugin.parser.office layer=true"), output);
        assertTrue(output.contains("text=Layer works"), output);
    }

    private static void writeSample(Path sample) throws IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(sample)) {
            book.createSheet("S").createRow(0).createCell(0).setCellValue("Layer works");
            book.write(out);
        }
    }
}
