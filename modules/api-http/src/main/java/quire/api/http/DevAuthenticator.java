package quire.api.http;

import java.util.Set;

import io.helidon.http.Headers;

/**
 * Dev (bypass) mode, Morphik's shipped default: the Authorization header is ignored and every
 * caller is the fixed developer principal {@code {user: <dev user>, app: null,
 * permissions: read/write/admin}}.
 */
public final class DevAuthenticator implements Authenticator {

    /** The default developer user id, as in Morphik. */
    public static final String DEFAULT_USER_ID = "dev_user";

    private final Principal principal;

    /** @param userId the developer user id; blank means {@value #DEFAULT_USER_ID} */
    public DevAuthenticator(String userId) {
        String id = userId == null || userId.isBlank() ? DEFAULT_USER_ID : userId;
        this.principal = new Principal(id, null, Set.of("read", "write", "admin"), "developer");
    }

    @Override
    public Principal authenticate(Headers headers) {
        return principal;
    }

    /** @return the fixed principal */
    public Principal principal() {
        return principal;
    }
}
