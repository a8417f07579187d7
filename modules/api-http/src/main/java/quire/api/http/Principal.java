package quire.api.http;

import java.util.Set;

import io.helidon.webserver.http.ServerRequest;

import quire.spi.storage.AccessScope;

/**
 * Who is calling (spec §5): the user (entity) id, the app id from the token (null when none),
 * the permissions, and the entity type ({@code developer} or {@code user}). Every authenticated
 * request carries one in its context; services receive it through {@link #scope()}.
 *
 * @param userId      never blank
 * @param appId       the app the token is bound to, or null
 * @param permissions e.g. {@code read}, {@code write}, {@code admin}
 * @param entityType  {@code developer} or {@code user}
 */
public record Principal(String userId, String appId, Set<String> permissions, String entityType) {

    public Principal {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        permissions = Set.copyOf(permissions);
        entityType = entityType == null ? "developer" : entityType;
    }

    /** @return the principal the router attached to {@code req}; fails with 401 on a public route */
    public static Principal of(ServerRequest req) {
        return req.context().get(Principal.class)
                .orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
    }

    /** @return true when the permission was granted */
    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    /** @return the storage scope: app-wide with an app id, owner-only without (spec §5.3) */
    public AccessScope scope() {
        return new AccessScope(userId, appId);
    }

    @Override
    public String toString() {
        return "Principal[" + userId + (appId == null ? "" : ", app " + appId) + "]";
    }
}
