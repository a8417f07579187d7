package quire.api.http;

import java.util.Objects;

/**
 * One plugin (factory) as {@code /health} lists it, without depending on the kernel.
 *
 * @param id             the factory id
 * @param extensionPoint the extension point's config key ({@code storage}, {@code parsers} ...)
 * @param source         the plugin directory name, or {@code boot}
 * @param state          {@code LOADED}, {@code ACTIVE} or {@code FAILED}
 * @param message        why it failed, or null; never secrets
 */
public record PluginReport(String id, String extensionPoint, String source, String state, String message) {

    public PluginReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(extensionPoint, "extensionPoint");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
    }

    /** @return true when the plugin failed to load or to start */
    public boolean failed() {
        return "FAILED".equals(state);
    }
}
