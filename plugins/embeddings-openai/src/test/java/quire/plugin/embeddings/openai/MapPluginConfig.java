package quire.plugin.embeddings.openai;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import quire.spi.ConfigProperty;
import quire.spi.PluginConfig;
import quire.spi.PluginException;

/** A plain map behind {@link PluginConfig}, with the factory's defaults applied like the host does. */
final class MapPluginConfig implements PluginConfig {
    private final Map<String, String> values = new HashMap<>();
    private final Path dataDirectory;

    MapPluginConfig(List<ConfigProperty> properties, Map<String, String> given, Path dataDirectory) {
        for (ConfigProperty p : properties) {
            if (p.defaultValue() != null) {
                values.put(p.name(), p.defaultValue());
            }
        }
        values.putAll(given);
        this.dataDirectory = dataDirectory;
    }

    @Override
    public String path() {
        return "quire.test";
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public int intValue(String key) {
        return Integer.parseInt(requireString(key).trim());
    }

    @Override
    public long longValue(String key) {
        return Long.parseLong(requireString(key).trim());
    }

    @Override
    public double doubleValue(String key) {
        return Double.parseDouble(requireString(key).trim());
    }

    @Override
    public boolean booleanValue(String key) {
        return Boolean.parseBoolean(requireString(key).trim());
    }

    @Override
    public Duration duration(String key) {
        String v = requireString(key).trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new PluginException("bad duration " + v);
        };
    }

    @Override
    public long size(String key) {
        return Long.parseLong(requireString(key).trim());
    }

    @Override
    public Path pathValue(String key) {
        Path p = Path.of(requireString(key));
        return p.isAbsolute() ? p : dataDirectory.resolve(p);
    }

    @Override
    public List<String> list(String key) {
        return string(key).map(s -> Arrays.stream(s.split(",")).map(String::trim).toList()).orElse(List.of());
    }
}
