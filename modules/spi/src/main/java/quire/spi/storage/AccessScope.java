package quire.spi.storage;

/**
 * Who is asking. With an app id, the caller sees every row of that app; without one, the rows
 * it owns (spec §5.3).
 *
 * @param ownerId the user (entity) id, never null
 * @param appId   the app id from the token, or null
 */
public record AccessScope(String ownerId, String appId) {
    public AccessScope {
        if (ownerId == null || ownerId.isBlank()) {
            throw new IllegalArgumentException("ownerId is required");
        }
    }
}
