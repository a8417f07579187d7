package quire.spi.embedding;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link Embedder} instances; found by {@link java.util.ServiceLoader}. */
public interface EmbedderFactory extends ProviderFactory<Embedder> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.EMBEDDER;
    }
}
