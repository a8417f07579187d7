package quire.spi.storage;

import java.time.Instant;
import java.util.List;

/**
 * A document row. JSON-valued fields are JSON object text (never null: {@code "{}"}).
 *
 * @param id                 external id (UUID)
 * @param ownerId            creator's user id
 * @param appId              app id or null
 * @param endUserId          client-chosen end user or null
 * @param folderId           folder id or null
 * @param folderPath         canonical folder path {@code /A/B} or null
 * @param filename           file name or null
 * @param contentType        MIME type
 * @param status             {@code processing}, {@code completed} or {@code failed}
 * @param metadataJson       user metadata
 * @param metadataTypesJson  per-key types
 * @param systemMetadataJson system metadata (progress, error, content ...)
 * @param storageInfoJson    blob location, string values
 * @param additionalMetadataJson parser output
 * @param chunkIds           ids of stored chunks
 * @param createdAt          creation time
 * @param updatedAt          last change
 */
public record DocumentRecord(String id, String ownerId, String appId, String endUserId, String folderId,
                             String folderPath, String filename, String contentType, String status,
                             String metadataJson, String metadataTypesJson, String systemMetadataJson,
                             String storageInfoJson, String additionalMetadataJson, List<String> chunkIds,
                             Instant createdAt, Instant updatedAt) {
    public DocumentRecord {
        metadataJson = orEmpty(metadataJson);
        metadataTypesJson = orEmpty(metadataTypesJson);
        systemMetadataJson = orEmpty(systemMetadataJson);
        storageInfoJson = orEmpty(storageInfoJson);
        additionalMetadataJson = orEmpty(additionalMetadataJson);
        chunkIds = chunkIds == null ? List.of() : List.copyOf(chunkIds);
    }

    private static String orEmpty(String json) {
        return json == null || json.isBlank() ? "{}" : json;
    }
}
