package quire.spi.completion;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link CompletionProvider} instances; found by {@link java.util.ServiceLoader}. */
public interface CompletionProviderFactory extends ProviderFactory<CompletionProvider> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.COMPLETION;
    }
}
