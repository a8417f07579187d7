package quire.plugin.parser.pdf;

import java.io.IOException;
import java.nio.file.Path;

import quire.spi.testkit.BaseParserLayerTest;

/** The packaged {@code pdf} parser runs as its own layer, as in the distribution's {@code plugins/pdf/}. */
class PluginLayerIT extends BaseParserLayerTest {

    PluginLayerIT() {
        super("pdf", "quire.plugin.parser.pdf", "application/pdf");
    }

    @Override
    protected void writeSample(Path sample) throws IOException {
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
