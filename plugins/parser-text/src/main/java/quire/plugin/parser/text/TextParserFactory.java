package quire.plugin.parser.text;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.parser.Parser;
import quire.spi.parser.ParserFactory;

/** Creates the {@code text} parser: plain text, Markdown, HTML, CSV, JSON and XML. */
public final class TextParserFactory implements ParserFactory {
    /** The factory id. */
    public static final String ID = "text";
    /** Config key: the most characters one document may decode to. */
    public static final String MAX_CHARACTERS = "max-characters";
    /** Ten times a long novel; enough for real documents, small enough for one heap string. */
    public static final long DEFAULT_MAX_CHARACTERS = 20_000_000L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Plain text, Markdown, HTML (jsoup), CSV, JSON and XML as text";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(ConfigProperty.optional(MAX_CHARACTERS, ConfigType.LONG, Long.toString(DEFAULT_MAX_CHARACTERS),
            "Most characters one document may hold after decoding; a longer one fails"));
    }

    @Override
    public Parser create(PluginConfig config, PluginContext context) {
        return new TextParser(config.keys().contains(MAX_CHARACTERS) ? config.longValue(MAX_CHARACTERS) : DEFAULT_MAX_CHARACTERS);
    }
}
