package quire.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import quire.spi.ConfigProperty;

/**
 * How to start a {@link Kernel}.
 *
 * @param configFile       YAML file, or null for built-in defaults + environment + overrides only
 * @param pluginsDirectory directory whose sub-directories are plugins (one {@link ModuleLayer} each); null = none
 * @param dataDirectory    overrides {@code quire.data-dir} when non-null
 * @param environment      usually {@code System.getenv()}; tests pass their own map
 * @param overrides        full key to value (e.g. {@code quire.server.port -> 9000}), highest precedence
 * @param hostProperties   the host's own keys under {@code quire} (server.port, auth.mode ...), validated
 *                         like plugin keys
 */
public record KernelOptions(Path configFile, Path pluginsDirectory, Path dataDirectory,
                            Map<String, String> environment, Map<String, String> overrides,
                            List<ConfigProperty> hostProperties) {

    public KernelOptions {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        hostProperties = hostProperties == null ? List.of() : List.copyOf(hostProperties);
    }
}
