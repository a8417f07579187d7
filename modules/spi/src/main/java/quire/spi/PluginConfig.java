package quire.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A typed, read-only view of one provider's configuration node. Values are validated against
 * the factory's {@link ConfigProperty} list before {@code create} is called, so the typed
 * getters only fail for keys the factory did not declare. Defaults declared by the factory
 * are applied.
 */
public interface PluginConfig {

    /** @return the full key path of this node, e.g. {@code quire.embedder.onnx} */
    String path();

    /** @return the keys that have a value (set or defaulted) */
    Set<String> keys();

    /** @return the raw text value, if any */
    Optional<String> string(String key);

    /** @return the value, failing with the full key path when absent */
    default String requireString(String key) {
        return string(key).orElseThrow(() -> new PluginException("missing required configuration " + path() + "." + key));
    }

    int intValue(String key);

    long longValue(String key);

    double doubleValue(String key);

    boolean booleanValue(String key);

    Duration duration(String key);

    /** @return a byte count */
    long size(String key);

    /** @return a path; relative paths are resolved against the data directory */
    Path pathValue(String key);

    List<String> list(String key);
}
