package quire.spi;

import java.util.List;
import java.util.Set;

/**
 * Creates providers of one extension point. Found by {@link java.util.ServiceLoader} through the
 * extension point's own factory interface (e.g. {@code EmbedderFactory}).
 *
 * @param <P> the provider type
 */
public interface ProviderFactory<P extends Provider> {

    /** @return the id, lower-case with dashes, unique within the extension point */
    String id();

    /** @return one line for people */
    String description();

    /** @return the extension point this factory serves */
    ExtensionPoint extensionPoint();

    /**
     * The SPI version this factory was compiled against. Implement it as
     * {@code return SpiVersion.CURRENT;} so the constant is inlined at compile time.
     *
     * @return {@code MAJOR.MINOR}
     */
    String spiVersion();

    /** @return the configuration keys this provider accepts; any other key fails start-up */
    default List<ConfigProperty> configProperties() {
        return List.of();
    }

    /** @return other extension points whose configured providers must exist before this one */
    default Set<ExtensionPoint> dependsOn() {
        return Set.of();
    }

    /**
     * Creates a provider.
     *
     * @param config  its own, already validated configuration
     * @param context the door into the host
     * @return a new provider
     * @throws Exception when it cannot start; start-up fails with the message
     */
    P create(PluginConfig config, PluginContext context) throws Exception;
}
