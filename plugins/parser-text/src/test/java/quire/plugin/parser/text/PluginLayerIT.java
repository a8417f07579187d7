package quire.plugin.parser.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import quire.spi.testkit.BaseParserLayerTest;

/** The packaged {@code text} parser runs as its own layer, as in the distribution's {@code plugins/text/}. */
class PluginLayerIT extends BaseParserLayerTest {

    PluginLayerIT() {
        super("text", "quire.plugin.parser.text", "text/html");
    }

    @Override
    protected void writeSample(Path sample) throws IOException {
        Files.writeString(sample, "<html><head><title>T</title><script>x()</script></head><body><h1>Layer works</h1></body></html>");
    }
}
