package quire.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginException;

/**
 * The typed view of one validated config node. Values were checked by {@link ConfigBinder} before
 * this is built, so getters only fail for keys the owner did not declare or left unset.
 */
final class DefaultPluginConfig implements PluginConfig {
    private final String path;
    private final Map<String, ConfigProperty> declared;
    private final Map<String, ConfigValue> values;
    private final Path dataDirectory;

    /**
     * @param path          full key of the node, e.g. {@code quire.storage.jdbc}
     * @param declared      the accepted keys
     * @param setValues     explicitly set values by key (already validated); defaults are added here
     * @param dataDirectory base for relative {@link ConfigType#PATH} values
     */
    DefaultPluginConfig(String path, List<ConfigProperty> declared, Map<String, ConfigValue> setValues,
                        Path dataDirectory) {
        this.path = path;
        this.dataDirectory = dataDirectory;
        Map<String, ConfigProperty> d = new LinkedHashMap<>();
        for (ConfigProperty p : declared) {
            d.put(p.name(), p);
        }
        this.declared = Collections.unmodifiableMap(d);
        Map<String, ConfigValue> v = new LinkedHashMap<>();
        for (ConfigProperty p : declared) {
            ConfigValue set = setValues.get(p.name());
            if (set != null && !set.isBlank()) {
                v.put(p.name(), set);
            } else if (p.defaultValue() != null && !p.defaultValue().isEmpty()) {
                v.put(p.name(), ConfigValue.text(p.defaultValue(), "default"));
            }
        }
        this.values = Collections.unmodifiableMap(v);
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
        return Optional.ofNullable(raw(key)).map(ConfigValue::asText);
    }

    @Override
    public int intValue(String key) {
        return parse(key, ConfigType.INT, Integer::parseInt);
    }

    @Override
    public long longValue(String key) {
        return parse(key, ConfigType.LONG, Long::parseLong);
    }

    @Override
    public double doubleValue(String key) {
        return parse(key, ConfigType.DOUBLE, Double::parseDouble);
    }

    @Override
    public boolean booleanValue(String key) {
        return parse(key, ConfigType.BOOLEAN, ConfigTypes::parseBoolean);
    }

    @Override
    public Duration duration(String key) {
        return parse(key, ConfigType.DURATION, ConfigTypes::parseDuration);
    }

    @Override
    public long size(String key) {
        return parse(key, ConfigType.SIZE, ConfigTypes::parseSize);
    }

    @Override
    public Path pathValue(String key) {
        Path p = parse(key, ConfigType.PATH, Path::of);
        return p.isAbsolute() || dataDirectory == null ? p : dataDirectory.resolve(p).normalize();
    }

    @Override
    public List<String> list(String key) {
        ConfigValue v = raw(key);
        return v == null ? List.of() : ConfigTypes.parseList(v);
    }

    @Override
    public String toString() {
        return "PluginConfig[" + path + ", keys=" + values.keySet() + "]";
    }

    private ConfigValue raw(String key) {
        if (!declared.containsKey(key)) {
            throw new PluginException("configuration key " + path + "." + key + " was not declared by its owner");
        }
        return values.get(key);
    }

    /**
     * Values were validated against their declared type at start-up; a getter of another type (an
     * owner's bug) still fails with the full key, never with a bare NumberFormatException or the value.
     */
    private <T> T parse(String key, ConfigType as, java.util.function.Function<String, T> parser) {
        ConfigValue v = raw(key);
        if (v == null) {
            throw new PluginException("missing configuration " + path + "." + key);
        }
        try {
            return parser.apply(v.asText().trim());
        } catch (RuntimeException e) {
            throw new PluginException("configuration " + path + "." + key + " (declared "
                    + declared.get(key).type() + ") cannot be read as " + ConfigTypes.describe(as));
        }
    }
}
