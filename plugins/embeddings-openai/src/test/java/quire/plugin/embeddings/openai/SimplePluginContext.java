package quire.plugin.embeddings.openai;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import quire.spi.PluginContext;
import quire.spi.Provider;
import quire.spi.SpiVersion;

/** A host stand-in: a data directory and nothing else. */
record SimplePluginContext(Path serverDataDirectory) implements PluginContext {

    @Override
    public Path dataDirectory() {
        return serverDataDirectory.resolve("plugin");
    }

    @Override
    public ExecutorService executor(String name) {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("quire.test");
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public <P extends Provider> Optional<P> provider(Class<P> type) {
        return Optional.empty();
    }
}
