package quire.spi.storage;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link StorageBackend} instances; found by {@link java.util.ServiceLoader}. */
public interface StorageBackendFactory extends ProviderFactory<StorageBackend> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.STORAGE;
    }
}
