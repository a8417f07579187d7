package quire.spi.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import quire.spi.ConfigProperty;
import quire.spi.PluginConfig;
import quire.spi.PluginException;

/**
 * A {@link PluginConfig} over a map of strings, for tests. {@link #of(String, List, Map)} applies
 * the factory's declared defaults and rejects keys it does not declare, like the host does.
 */
public final class TestingPluginConfig implements PluginConfig {
    private final String path;
    private final Map<String, String> values;
    private final Path dataDirectory;

    /**
     * @param path          full key path, e.g. {@code quire.storage.jdbc}
     * @param values        raw values
     * @param dataDirectory base for relative paths, or null
     */
    public TestingPluginConfig(String path, Map<String, String> values, Path dataDirectory) {
        this.path = path;
        this.values = Map.copyOf(values);
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param path       full key path
     * @param properties the factory's declared keys (defaults applied, others rejected)
     * @param values     values set by the test
     * @return the config
     * @throws PluginException for an undeclared key or a missing required one
     */
    public static TestingPluginConfig of(String path, List<ConfigProperty> properties, Map<String, String> values) {
        return of(path, properties, values, null);
    }

    /**
     * Like {@link #of(String, List, Map)}, with relative {@link #pathValue(String) paths} resolved
     * against {@code dataDirectory}, as the host resolves them against its data directory.
     *
     * @param path          full key path
     * @param properties    the factory's declared keys (defaults applied, others rejected)
     * @param values        values set by the test
     * @param dataDirectory base for relative paths, or null to leave them relative
     * @return the config
     * @throws PluginException for an undeclared key or a missing required one
     */
    public static TestingPluginConfig of(String path, List<ConfigProperty> properties, Map<String, String> values,
                                         Path dataDirectory) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (ConfigProperty property : properties) {
            if (property.defaultValue() != null) {
                merged.put(property.name(), property.defaultValue());
            }
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (properties.stream().noneMatch(p -> p.name().equals(entry.getKey()))) {
                throw new PluginException("unknown configuration key " + path + "." + entry.getKey());
            }
            merged.put(entry.getKey(), entry.getValue());
        }
        for (ConfigProperty property : properties) {
            if (property.required() && !merged.containsKey(property.name())) {
                throw new PluginException("missing required configuration " + path + "." + property.name());
            }
        }
        return new TestingPluginConfig(path, merged, dataDirectory);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public int intValue(String key) {
        return Integer.parseInt(requireString(key).strip());
    }

    @Override
    public long longValue(String key) {
        return Long.parseLong(requireString(key).strip());
    }

    @Override
    public double doubleValue(String key) {
        return Double.parseDouble(requireString(key).strip());
    }

    @Override
    public boolean booleanValue(String key) {
        String value = requireString(key).strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new PluginException(path + "." + key + " is not a boolean: " + value);
        };
    }

    @Override
    public Duration duration(String key) {
        String value = requireString(key).strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new PluginException(path + "." + key + " is not a duration: " + value);
        };
    }

    @Override
    public long size(String key) {
        String value = requireString(key).strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (Map.Entry<String, Long> suffix : List.of(Map.entry("KB", 1024L), Map.entry("MB", 1024L * 1024),
                                                      Map.entry("GB", 1024L * 1024 * 1024))) {
            if (value.endsWith(suffix.getKey())) {
                unit = suffix.getValue();
                value = value.substring(0, value.length() - 2).strip();
            }
        }
        return Long.parseLong(value) * unit;
    }

    @Override
    public Path pathValue(String key) {
        Path value = Path.of(requireString(key));
        return value.isAbsolute() || dataDirectory == null ? value : dataDirectory.resolve(value);
    }

    @Override
    public List<String> list(String key) {
        return Arrays.stream(requireString(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
