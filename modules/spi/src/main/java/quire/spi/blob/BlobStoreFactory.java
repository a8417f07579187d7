package quire.spi.blob;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link BlobStore} instances; found by {@link java.util.ServiceLoader}. */
public interface BlobStoreFactory extends ProviderFactory<BlobStore> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.BLOB_STORE;
    }
}
