package quire.plugin.embeddings.onnx.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import quire.spi.PluginConfig;
import quire.spi.PluginException;

/** A {@link PluginConfig} over a map of already-valid text values, as the host would hand it over. */
public final class TestingPluginConfig implements PluginConfig {
    private final Map<String, String> values;
    private final Path dataDirectory;

    public TestingPluginConfig(Map<String, String> values, Path dataDirectory) {
        this.values = Map.copyOf(values);
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String path() {
        return "quire.embedder.onnx";
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private String require(String key) {
        return string(key).orElseThrow(() -> new PluginException("missing " + path() + "." + key));
    }

    @Override
    public int intValue(String key) {
        return Integer.parseInt(require(key));
    }

    @Override
    public long longValue(String key) {
        return Long.parseLong(require(key));
    }

    @Override
    public double doubleValue(String key) {
        return Double.parseDouble(require(key));
    }

    @Override
    public boolean booleanValue(String key) {
        return Boolean.parseBoolean(require(key));
    }

    @Override
    public Duration duration(String key) {
        return Duration.parse(require(key));
    }

    @Override
    public long size(String key) {
        return Long.parseLong(require(key));
    }

    @Override
    public Path pathValue(String key) {
        return dataDirectory.resolve(require(key));
    }

    @Override
    public List<String> list(String key) {
        return List.of(require(key).split(","));
    }
}
