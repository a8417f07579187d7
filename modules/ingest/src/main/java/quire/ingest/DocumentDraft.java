package quire.ingest;

import java.time.Instant;
import java.util.List;

import quire.spi.storage.DocumentRecord;

/** A mutable copy of a {@link DocumentRecord}, for changing a few fields of an immutable row. */
final class DocumentDraft {
    String id;
    String ownerId;
    String appId;
    String endUserId;
    String folderId;
    String folderPath;
    String filename;
    String contentType;
    String status;
    String metadataJson;
    String metadataTypesJson;
    String systemMetadataJson;
    String storageInfoJson;
    String additionalMetadataJson;
    List<String> chunkIds;
    Instant createdAt;
    Instant updatedAt;

    static DocumentDraft of(DocumentRecord d) {
        DocumentDraft x = new DocumentDraft();
        x.id = d.id();
        x.ownerId = d.ownerId();
        x.appId = d.appId();
        x.endUserId = d.endUserId();
        x.folderId = d.folderId();
        x.folderPath = d.folderPath();
        x.filename = d.filename();
        x.contentType = d.contentType();
        x.status = d.status();
        x.metadataJson = d.metadataJson();
        x.metadataTypesJson = d.metadataTypesJson();
        x.systemMetadataJson = d.systemMetadataJson();
        x.storageInfoJson = d.storageInfoJson();
        x.additionalMetadataJson = d.additionalMetadataJson();
        x.chunkIds = d.chunkIds();
        x.createdAt = d.createdAt();
        x.updatedAt = d.updatedAt();
        return x;
    }

    DocumentRecord build() {
        return new DocumentRecord(id, ownerId, appId, endUserId, folderId, folderPath, filename, contentType, status,
                metadataJson, metadataTypesJson, systemMetadataJson, storageInfoJson, additionalMetadataJson, chunkIds,
                createdAt, updatedAt);
    }
}
