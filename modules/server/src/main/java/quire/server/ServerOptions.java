package quire.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quire.api.http.ApiRoutes;
import quire.spi.ProviderFactory;

/**
 * How to start a {@link QuireServer}.
 *
 * @param configFile       YAML configuration, or null for defaults + environment + overrides
 * @param pluginsDirectory directory of plugin sub-directories, or null
 * @param dataDirectory    overrides {@code quire.data-dir} when non-null
 * @param environment      the process environment (tests pass their own)
 * @param overrides        full key to value ({@code quire.server.port -> 0}), highest precedence
 * @param extraFactories   factories added to the boot layer (embedding, tests)
 * @param extraRoutes      route groups served in addition to the built-in ones (embedding, tests)
 */
public record ServerOptions(Path configFile, Path pluginsDirectory, Path dataDirectory,
                            Map<String, String> environment, Map<String, String> overrides,
                            List<ProviderFactory<?>> extraFactories, List<ApiRoutes> extraRoutes) {

    public ServerOptions {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        extraFactories = extraFactories == null ? List.of() : List.copyOf(extraFactories);
        extraRoutes = extraRoutes == null ? List.of() : List.copyOf(extraRoutes);
    }

    /** @return options with no config file, no plugins and the given environment */
    public static ServerOptions of(Map<String, String> environment) {
        return new ServerOptions(null, null, null, environment, Map.of(), List.of(), List.of());
    }

    /** @return a copy with one more override ({@code key} is the full key, e.g. {@code quire.server.port}) */
    public ServerOptions withOverride(String key, String value) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        o.put(key, value);
        return new ServerOptions(configFile, pluginsDirectory, dataDirectory, environment, o, extraFactories, extraRoutes);
    }

    /** @return a copy with another data directory */
    public ServerOptions withDataDirectory(Path dir) {
        return new ServerOptions(configFile, pluginsDirectory, dir, environment, overrides, extraFactories, extraRoutes);
    }

    /** @return a copy with another configuration file */
    public ServerOptions withConfigFile(Path file) {
        return new ServerOptions(file, pluginsDirectory, dataDirectory, environment, overrides, extraFactories, extraRoutes);
    }

    /** @return a copy with another plugins directory */
    public ServerOptions withPluginsDirectory(Path dir) {
        return new ServerOptions(configFile, dir, dataDirectory, environment, overrides, extraFactories, extraRoutes);
    }

    /** @return a copy with extra boot factories */
    public ServerOptions withFactories(List<ProviderFactory<?>> factories) {
        return new ServerOptions(configFile, pluginsDirectory, dataDirectory, environment, overrides, factories, extraRoutes);
    }

    /** @return a copy with extra route groups */
    public ServerOptions withRoutes(List<ApiRoutes> routes) {
        return new ServerOptions(configFile, pluginsDirectory, dataDirectory, environment, overrides, extraFactories, routes);
    }
}
