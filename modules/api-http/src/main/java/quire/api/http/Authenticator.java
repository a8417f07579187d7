package quire.api.http;

import io.helidon.http.Headers;

/**
 * Resolves the caller of an authenticated route. Implementations throw
 * {@link ApiException} with status 401 and a clear detail; they never throw anything else
 * for bad input, so a bad token can never become a 500.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param headers the request headers
     * @return the caller
     * @throws ApiException 401 when the caller cannot be established
     */
    Principal authenticate(Headers headers);
}
