package quire.spi.storage;

import java.time.Instant;

/**
 * A folder row. Folders nest by path: {@code fullPath} is canonical ({@code /A/B}), {@code depth}
 * counts segments (root children = 1).
 */
public record FolderRecord(String id, String ownerId, String appId, String endUserId, String name, String fullPath,
                           String parentId, int depth, String description, String systemMetadataJson,
                           Instant createdAt, Instant updatedAt) {
    public FolderRecord {
        systemMetadataJson = systemMetadataJson == null || systemMetadataJson.isBlank() ? "{}" : systemMetadataJson;
    }
}
