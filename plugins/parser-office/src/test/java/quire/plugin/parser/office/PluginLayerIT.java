package quire.plugin.parser.office;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import quire.spi.testkit.BaseParserLayerTest;

/** The packaged {@code office} parser runs as its own layer, as in the distribution's {@code plugins/office/}. */
class PluginLayerIT extends BaseParserLayerTest {

    PluginLayerIT() {
        super("office", "quire.plugin.parser.office", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Override
    protected void writeSample(Path sample) throws IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(sample)) {
            book.createSheet("S").createRow(0).createCell(0).setCellValue("Layer works");
            book.write(out);
        }
    }
}
