package quire.kernel;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/**
 * A factory the kernel found, and where.
 *
 * @param factory the factory instance
 * @param point   the extension point it was found under (its {@code extensionPoint()} must agree)
 * @param source  plugin directory name, or {@code boot}
 */
record DiscoveredFactory(ProviderFactory<?> factory, ExtensionPoint point, String source) {

    String id() {
        return factory.id();
    }

    String describe() {
        return point.configKey() + " '" + factory.id() + "' from " + source;
    }
}
