import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.Provider;
import quire.spi.SpiVersion;
import quire.spi.parser.ParseRequest;
import quire.spi.parser.ParsedDocument;
import quire.spi.parser.Parser;
import quire.spi.parser.ParserFactory;

/**
 * Run by PluginLayerIT in a fresh JVM whose boot layer holds only the JDK and quire.spi, as in
 * the distribution. Loads a plugin folder as one layer the way the kernel does (every module a
 * root, one class loader), parses one file and prints its text.
 * Arguments: plugin jar, runtime-jar folder, sample file, content type.
 */
public class LayerProbe {
    public static void main(String[] args) throws Exception {
        ModuleFinder finder = ModuleFinder.of(Path.of(args[0]), Path.of(args[1]));
        Set<String> roots = new TreeSet<>();
        for (ModuleReference ref : finder.findAll()) {
            roots.add(ref.descriptor().name());
        }
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), roots);
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(cf, List.of(boot), ClassLoader.getSystemClassLoader()).layer();
        List<ParserFactory> factories = ServiceLoader.load(layer, ParserFactory.class).stream()
            .filter(p -> p.type().getModule().getLayer() == layer).map(ServiceLoader.Provider::get).toList();
        if (factories.size() != 1) {
            throw new IllegalStateException("expected one ParserFactory in the layer, found " + factories.size());
        }
        ParserFactory factory = factories.get(0);
        try (Parser parser = factory.create(new EmptyConfig(factory.id()), new MinimalContext(Path.of(args[2]).getParent()))) {
            ParsedDocument doc = parser.parse(new ParseRequest(Path.of(args[2]), args[3], null));
            System.out.println("factory=" + factory.id() + " module=" + parser.getClass().getModule().getName()
                + " layer=" + (parser.getClass().getModule().getLayer() == layer) + " modules=" + roots.size());
            System.out.println("text=" + doc.fullText());
        }
    }

    /** No keys set: the factory's defaults apply. */
    record EmptyConfig(String id) implements PluginConfig {
        public String path() { return "quire.parsers." + id; }
        public Set<String> keys() { return Set.of(); }
        public Optional<String> string(String key) { return Optional.empty(); }
        public int intValue(String key) { throw new IllegalStateException(key); }
        public long longValue(String key) { throw new IllegalStateException(key); }
        public double doubleValue(String key) { throw new IllegalStateException(key); }
        public boolean booleanValue(String key) { throw new IllegalStateException(key); }
        public Duration duration(String key) { throw new IllegalStateException(key); }
        public long size(String key) { throw new IllegalStateException(key); }
        public Path pathValue(String key) { throw new IllegalStateException(key); }
        public List<String> list(String key) { throw new IllegalStateException(key); }
    }

    record MinimalContext(Path dataDirectory) implements PluginContext {
        public Path serverDataDirectory() { return dataDirectory; }
        public ExecutorService executor(String name) { throw new UnsupportedOperationException(); }
        public Clock clock() { return Clock.systemUTC(); }
        public System.Logger logger() { return System.getLogger("probe"); }
        public String spiVersion() { return SpiVersion.CURRENT; }
        public <P extends Provider> Optional<P> provider(Class<P> type) { return Optional.empty(); }
    }
}
