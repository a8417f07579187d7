package quire.spi.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;
import quire.spi.parser.ParserFactory;

/**
 * A {@link PluginLayerCheck} for parser plugins: the layer must provide exactly one
 * {@link ParserFactory}; it is created with its defaults and parses one file. Prints
 * {@code factory=<id> module=<parser's module> layer=<parser class is in the plugin layer>} and
 * {@code text=<full text>}. Arguments: the sample file, its content type.
 */
public final class ParserLayerCheck implements PluginLayerCheck {
    /** Instantiated reflectively by {@link PluginLayerProbeMain}. */
    public ParserLayerCheck() {
    }

    @Override
    public void run(ModuleLayer layer, List<String> args) throws Exception {
        Path sample = Path.of(args.get(0));
        List<ParserFactory> factories = PluginLayers.providers(layer, ParserFactory.class);
        if (factories.size() != 1) {
            throw new IllegalStateException("expected one ParserFactory in the layer, found " + factories.size());
        }
        ParserFactory factory = factories.getFirst();
        try (TestingPluginContext context = TestingPluginContext.of(sample.getParent(), factory.id());
             Parser parser = factory.create(TestingPluginConfig.of("quire.parsers." + factory.id(),
                     factory.configProperties(), Map.of()), context)) {
            ParsedDocument document = parser.parse(new ParseRequest(sample, args.get(1), null));
            Module module = parser.getClass().getModule();
            System.out.println("factory=" + factory.id() + " module=" + module.getName()
                    + " layer=" + (module.getLayer() == layer));
            System.out.println("text=" + document.fullText());
        }
    }
}
