package quire.server;

import java.util.Locale;

/** How callers are identified (spec §5.1). */
public enum AuthMode {
    /** Morphik's dev/bypass mode: no token, every request is the developer principal. */
    DEV,
    /** {@code Authorization: Bearer <HS256 JWT>}. */
    JWT;

    /** @return the mode named by {@code text} ({@code dev}, {@code jwt}); refuses anything else */
    static AuthMode parse(String text) {
        String t = text == null ? "dev" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "dev", "" -> DEV;
            case "jwt" -> JWT;
            default -> throw new StartupException("quire." + HostProperties.AUTH_MODE + " must be 'dev' or 'jwt', not '"
                    + text + "'");
        };
    }
}
