package quire.plugin.parser.pdf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.testkit.ParserLayerCheck;
import quire.spi.testkit.PluginLayerProbe;

/**
 * Proves the packaged plugin jar and its runtime jars work as their own module layer over a
 * boot layer that holds only the JDK and {@code quire.spi}, as in the distribution's
 * {@code plugins/pdf/}: {@link PluginLayerProbe} runs {@link ParserLayerCheck} in a fresh JVM,
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
        String output = probe.run(ParserLayerCheck.class, sample.toString(), "application/pdf");
        assertTrue(output.contains("factory=pdf module=quire.plugin.parser.pdf layer=true"), output);
        assertTrue(output.contains("text=Layer works"), output);
    }

    private static void writeSample(Path sample) throws IOException {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Layer works");
                content.endText();
            }
            doc.save(sample.toFile());
        }
    }
}
