package quire.plugin.embeddings.onnx.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import quire.spi.PluginContext;
import quire.spi.PluginException;
import quire.spi.Provider;
import quire.spi.SpiVersion;

/** A {@link PluginContext} rooted in a test's directory; the embedder needs nothing else. */
public final class TestingPluginContext implements PluginContext {
    private final Path dataDirectory;

    public TestingPluginContext(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public Path serverDataDirectory() {
        return dataDirectory;
    }

    @Override
    public ExecutorService executor(String name) {
        return Executors.newSingleThreadExecutor();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("quire.plugin.embeddings.onnx");
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public <P extends Provider> Optional<P> provider(Class<P> type) {
        throw new PluginException("the onnx embedder declares no dependencies");
    }
}
