package quire.spi.chunker;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link Chunker} instances; found by {@link java.util.ServiceLoader}. */
public interface ChunkerFactory extends ProviderFactory<Chunker> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.CHUNKER;
    }
}
