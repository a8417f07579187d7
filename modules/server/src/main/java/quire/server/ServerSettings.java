package quire.server;

import java.util.Map;

import quire.spi.PluginConfig;

/**
 * The host settings after configuration, environment and command line are merged and checked.
 *
 * @param host        interface to bind
 * @param port        port (0 = any free)
 * @param maxBodySize largest request body in bytes
 * @param authMode    dev or jwt
 * @param devUserId   user of every request in dev mode
 * @param jwtSecret   HS256 secret (jwt mode), or null in dev mode
 */
record ServerSettings(String host, int port, long maxBodySize, AuthMode authMode, String devUserId, String jwtSecret) {

    /** Dev mode listens on loopback only, so a default install is not an open server. */
    static final String DEV_HOST = "127.0.0.1";
    static final String ALL_INTERFACES = "0.0.0.0";

    /**
     * @param config      the kernel's view of the {@code quire} node
     * @param environment for Morphik's {@code JWT_SECRET_KEY}
     */
    static ServerSettings from(PluginConfig config, Map<String, String> environment) {
        AuthMode mode = AuthMode.parse(config.string(HostProperties.AUTH_MODE).orElse("dev"));
        String host = config.string(HostProperties.HOST).map(String::strip).filter(h -> !h.isEmpty())
                .orElse(mode == AuthMode.DEV ? DEV_HOST : ALL_INTERFACES);
        int port = config.intValue(HostProperties.PORT);
        if (port < 0 || port > 65535) {
            throw new StartupException("quire." + HostProperties.PORT + " must be between 0 and 65535, not " + port);
        }
        long maxBody = config.size(HostProperties.MAX_BODY_SIZE);
        String secret = null;
        if (mode == AuthMode.JWT) {
            secret = config.string(HostProperties.JWT_SECRET).filter(s -> !s.isEmpty())
                    .orElseGet(() -> environment.get(HostProperties.MORPHIK_SECRET_ENV));
            if (secret == null || secret.isEmpty()) {
                throw new StartupException("quire." + HostProperties.AUTH_MODE + " is jwt but no secret is set: set "
                        + "QUIRE_AUTH_JWT_SECRET (or JWT_SECRET_KEY, or quire." + HostProperties.JWT_SECRET
                        + "), or use auth mode dev for a local install");
            }
        }
        String devUser = config.string(HostProperties.DEV_USER_ID).map(String::strip).filter(s -> !s.isEmpty())
                .orElse("dev_user");
        return new ServerSettings(host, port, maxBody, mode, devUser, secret);
    }

    @Override
    public String toString() {
        // never print the secret
        return "ServerSettings[host=" + host + ", port=" + port + ", maxBodySize=" + maxBodySize
                + ", authMode=" + authMode + ", devUserId=" + devUserId + "]";
    }
}
