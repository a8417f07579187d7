package quire.kernel;

import java.util.Objects;
import quire.spi.ExtensionPoint;
import quire.spi.ProviderInfo;

/**
 * What the kernel knows about one plugin factory or plugin directory, for {@code /health}.
 *
 * @param id             the factory id, or the plugin directory name when the directory failed to load
 * @param extensionPoint the extension point, or null when the directory failed before any factory was seen
 * @param source         the plugin directory name, or {@code "boot"} for the boot module path / classpath
 * @param state          see {@link State}
 * @param message        why it failed, or a short note; never null, never contains secrets
 * @param info           the running provider's info when {@link State#ACTIVE}, otherwise null
 */
public record PluginStatus(String id, ExtensionPoint extensionPoint, String source, State state,
                           String message, ProviderInfo info) {

    /** Lifecycle state of a plugin factory. */
    public enum State {
        /** The factory is available but not configured (not created). */
        LOADED,
        /** A provider was created and is in use. */
        ACTIVE,
        /** Loading, version check, configuration or creation failed; see the message. */
        FAILED
    }

    public PluginStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
    }
}
