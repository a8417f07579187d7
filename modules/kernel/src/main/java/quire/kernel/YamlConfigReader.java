package quire.kernel;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.yaml.YamlConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML file into flat full keys ({@code quire.storage.jdbc.url}) with Helidon config.
 * Helidon's own environment, system-property and {@code ${...}} handling is switched off: the
 * kernel applies its own documented precedence and mapping on top.
 */
final class YamlConfigReader {
    private static final String ORIGIN = "config file";

    private YamlConfigReader() {
    }

    /** @return full key to value for every leaf under {@code quire}; other top-level nodes are ignored */
    static Map<String, ConfigValue> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KernelException("configuration file " + file.toAbsolutePath() + " does not exist");
        }
        Config root;
        try {
            root = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .disableValueResolving()
                    .disableKeyResolving()
                    .disableFilterServices()
                    .disableParserServices()
                    .disableMapperServices()
                    .disableCaching()
                    .addParser(YamlConfigParser.create())
                    .sources(ConfigSources.file(file))
                    .build();
        } catch (ConfigException e) {
            throw new KernelException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        Config quire = root.get("quire");
        try {
            if (quire.exists()) {
                flatten(quire, out);
            }
        } catch (ConfigException e) {
            throw new KernelException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        return out;
    }

    private static void flatten(Config node, Map<String, ConfigValue> out) {
        switch (node.type()) {
            case OBJECT -> {
                for (Config child : node.asNodeList().orElse(List.of())) {
                    flatten(child, out);
                }
            }
            case LIST -> {
                List<String> items = new ArrayList<>();
                for (Config item : node.asNodeList().orElse(List.of())) {
                    if (item.type() != Config.Type.VALUE) {
                        throw new KernelException("configuration " + node.key() + " must be a list of plain values");
                    }
                    items.add(item.asString().orElse(""));
                }
                out.put(node.key().toString(), ConfigValue.list(items, ORIGIN));
            }
            case VALUE -> out.put(node.key().toString(), ConfigValue.text(node.asString().orElse(""), ORIGIN));
            default -> {
                // MISSING: an empty node such as `fs: {}` carries no keys
            }
        }
    }
}
