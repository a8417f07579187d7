package quire.plugin.parser.office;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.parser.Parser;
import quire.spi.parser.ParserFactory;

/** Creates the {@code office} parser for DOCX, PPTX and XLSX. */
public final class OfficeParserFactory implements ParserFactory {
    /** The factory id. */
    public static final String ID = "office";
    public static final String MAX_UNCOMPRESSED_SIZE = "max-uncompressed-size";
    public static final String MAX_ENTRY_SIZE = "max-entry-size";
    public static final String MIN_INFLATE_RATIO = "min-inflate-ratio";
    public static final String MAX_ENTRIES = "max-entries";
    public static final String MAX_CHARACTERS = "max-characters";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DOCX, PPTX and XLSX with Apache POI, guarded against zip bombs";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        OfficeLimits d = OfficeLimits.DEFAULTS;
        return List.of(
            ConfigProperty.optional(MAX_UNCOMPRESSED_SIZE, ConfigType.SIZE, "512MB",
                "Most bytes all parts of one file may inflate to, as the zip declares them"),
            ConfigProperty.optional(MAX_ENTRY_SIZE, ConfigType.SIZE, "128MB",
                "Most bytes one part may inflate to; checked while inflating, so lying sizes are caught"),
            ConfigProperty.optional(MIN_INFLATE_RATIO, ConfigType.DOUBLE, Double.toString(d.minInflateRatio()),
                "Smallest compressed-to-inflated ratio accepted; lower looks like a zip bomb"),
            ConfigProperty.optional(MAX_ENTRIES, ConfigType.INT, Integer.toString(d.maxEntries()),
                "Most zip entries in one file"),
            ConfigProperty.optional(MAX_CHARACTERS, ConfigType.LONG, Long.toString(d.maxCharacters()),
                "Most characters of text one file may yield; a longer one fails"));
    }

    @Override
    public Parser create(PluginConfig config, PluginContext context) {
        OfficeLimits d = OfficeLimits.DEFAULTS;
        var keys = config.keys();
        return new OfficeParser(new OfficeLimits(
            keys.contains(MAX_UNCOMPRESSED_SIZE) ? config.size(MAX_UNCOMPRESSED_SIZE) : d.maxUncompressedSize(),
            keys.contains(MAX_ENTRY_SIZE) ? config.size(MAX_ENTRY_SIZE) : d.maxEntrySize(),
            keys.contains(MIN_INFLATE_RATIO) ? config.doubleValue(MIN_INFLATE_RATIO) : d.minInflateRatio(),
            keys.contains(MAX_ENTRIES) ? config.intValue(MAX_ENTRIES) : d.maxEntries(),
            keys.contains(MAX_CHARACTERS) ? config.longValue(MAX_CHARACTERS) : d.maxCharacters()));
    }
}
