package quire.spi.rerank;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link Reranker} instances; found by {@link java.util.ServiceLoader}. */
public interface RerankerFactory extends ProviderFactory<Reranker> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.RERANKER;
    }
}
