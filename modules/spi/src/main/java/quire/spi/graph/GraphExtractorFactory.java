package quire.spi.graph;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link GraphExtractor} instances; found by {@link java.util.ServiceLoader}. */
public interface GraphExtractorFactory extends ProviderFactory<GraphExtractor> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.GRAPH_EXTRACTOR;
    }
}
