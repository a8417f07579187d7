package quire.ingest;

import quire.spi.storage.AccessScope;

/**
 * A document to ingest, as the API received it (already validated).
 *
 * @param scope             who owns it (owner id, app id)
 * @param endUserId         client-chosen end user or null
 * @param folderId          folder id or null
 * @param folderPath        canonical folder path or null
 * @param filename          the client's file name (untrusted; stored, never used as a path) or null
 * @param declaredType      the content type the client declared or null; bytes win
 * @param metadataJson      user metadata (JSON object text)
 * @param metadataTypesJson per-key metadata types (JSON object text)
 * @param text              true for {@code /ingest/text}: the bytes are UTF-8 text, not sniffed
 */
public record NewDocument(AccessScope scope, String endUserId, String folderId, String folderPath, String filename,
                          String declaredType, String metadataJson, String metadataTypesJson, boolean text) {
}
