package quire.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The only door from a provider into the host.
 */
public interface PluginContext {

    /** @return a directory this provider may own (created), under the server's data directory */
    Path dataDirectory();

    /** @return the server's data directory root */
    Path serverDataDirectory();

    /**
     * A host-managed executor, shut down by the host after the provider is closed.
     *
     * @param name a short name used for thread names
     * @return the executor
     */
    ExecutorService executor(String name);

    /** @return the clock to use for time (tests may fix it) */
    Clock clock();

    /** @return a logger named after the provider */
    System.Logger logger();

    /** @return the host's SPI version */
    String spiVersion();

    /**
     * A provider of an extension point this factory listed in {@link ProviderFactory#dependsOn()}.
     *
     * @param type the provider interface, e.g. {@code Embedder.class}
     * @param <P>  its type
     * @return the configured provider, empty when that point has none configured
     * @throws PluginException when the point was not declared in {@code dependsOn()}
     */
    <P extends Provider> Optional<P> provider(Class<P> type);
}
