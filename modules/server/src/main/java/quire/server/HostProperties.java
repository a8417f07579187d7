package quire.server;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;

/**
 * The server's own configuration keys under {@code quire} (the kernel validates them like plugin
 * keys; environment names are {@code QUIRE_} + the path, e.g. {@code QUIRE_SERVER_PORT}).
 */
public final class HostProperties {

    public static final String DATA_DIR = "data-dir";
    public static final String HOST = "server.host";
    public static final String PORT = "server.port";
    public static final String MAX_BODY_SIZE = "server.max-body-size";
    public static final String AUTH_MODE = "auth.mode";
    public static final String JWT_SECRET = "auth.jwt-secret";
    public static final String DEV_USER_ID = "auth.dev-user-id";

    /** Morphik's name for the JWT secret, honoured when {@code quire.auth.jwt-secret} is not set. */
    public static final String MORPHIK_SECRET_ENV = "JWT_SECRET_KEY";

    /** The declared keys. */
    public static final List<ConfigProperty> ALL = List.of(
            ConfigProperty.optional(DATA_DIR, ConfigType.PATH, "data",
                    "root directory for all server data"),
            ConfigProperty.optional(HOST, ConfigType.STRING, null,
                    "interface to bind; unset: 127.0.0.1 in dev mode, 0.0.0.0 in jwt mode"),
            ConfigProperty.optional(PORT, ConfigType.INT, "8000", "HTTP port (0 picks a free one)"),
            ConfigProperty.optional(MAX_BODY_SIZE, ConfigType.SIZE, "100MB", "largest accepted request body"),
            ConfigProperty.optional(AUTH_MODE, ConfigType.STRING, "dev",
                    "dev (no token; every request is the developer) or jwt (HS256 bearer tokens)"),
            new ConfigProperty(JWT_SECRET, ConfigType.STRING, null, false, true,
                    "HS256 secret for jwt mode; falls back to the JWT_SECRET_KEY environment variable"),
            ConfigProperty.optional(DEV_USER_ID, ConfigType.STRING, "dev_user", "the user id of every request in dev mode"));

    private HostProperties() {
    }
}
