package quire.spi.parser;

import quire.spi.ExtensionPoint;
import quire.spi.ProviderFactory;

/** Creates {@link Parser} instances; found by {@link java.util.ServiceLoader}. */
public interface ParserFactory extends ProviderFactory<Parser> {
    @Override
    default ExtensionPoint extensionPoint() {
        return ExtensionPoint.PARSER;
    }
}
