package quire.plugin.parser.pdf;

import java.time.Duration;
import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.parser.Parser;
import quire.spi.parser.ParserFactory;

/** Creates the {@code pdf} parser. */
public final class PdfParserFactory implements ParserFactory {
    /** The factory id. */
    public static final String ID = "pdf";
    /** Config key: a PDF with more pages fails. */
    public static final String MAX_PAGES = "max-pages";
    /** Config key: the longest one document may take. */
    public static final String TIMEOUT = "timeout";
    public static final int DEFAULT_MAX_PAGES = 5000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PDF text page by page with Apache PDFBox";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
            ConfigProperty.optional(MAX_PAGES, ConfigType.INT, Integer.toString(DEFAULT_MAX_PAGES),
                "A PDF with more pages than this fails"),
            ConfigProperty.optional(TIMEOUT, ConfigType.DURATION, "120s",
                "Longest time one PDF may take to parse; a slower one fails"));
    }

    @Override
    public Parser create(PluginConfig config, PluginContext context) {
        int maxPages = config.keys().contains(MAX_PAGES) ? config.intValue(MAX_PAGES) : DEFAULT_MAX_PAGES;
        Duration timeout = config.keys().contains(TIMEOUT) ? config.duration(TIMEOUT) : DEFAULT_TIMEOUT;
        return new PdfParser(maxPages, timeout);
    }
}
