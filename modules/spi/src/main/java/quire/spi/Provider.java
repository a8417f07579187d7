package quire.spi;

/**
 * An instance created by a {@link ProviderFactory}. Instances are closed by the host in
 * reverse creation order; {@link #close()} must release threads, files and native memory.
 */
public interface Provider extends AutoCloseable {

    /** @return what this instance is, for {@code /health} and logs; never secrets */
    ProviderInfo info();

    @Override
    default void close() throws Exception {
    }
}
