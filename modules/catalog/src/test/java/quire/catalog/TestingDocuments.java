package quire.catalog;

import java.time.Instant;
import java.util.List;

import quire.spi.storage.DocumentRecord;

/** Builds {@link DocumentRecord}s for tests with sensible defaults. */
final class TestingDocuments {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    String id;
    String ownerId = "owner-a";
    String appId;
    String endUserId;
    String folderId;
    String folderPath;
    String filename = "file.txt";
    String contentType = "text/plain";
    String status = "completed";
    String metadataJson = "{}";
    String metadataTypesJson = "{}";
    String systemMetadataJson;
    String storageInfoJson = "{}";
    String additionalMetadataJson = "{}";
    List<String> chunkIds = List.of();
    Instant createdAt = T0;
    Instant updatedAt = T0;

    private TestingDocuments(String id) {
        this.id = id;
    }

    static TestingDocuments doc(String id) {
        return new TestingDocuments(id);
    }

    TestingDocuments owner(String owner, String app) {
        ownerId = owner;
        appId = app;
        return this;
    }

    TestingDocuments endUser(String v) {
        endUserId = v;
        return this;
    }

    TestingDocuments folder(String path) {
        folderPath = path;
        folderId = path == null ? null : "fid" + path;
        return this;
    }

    TestingDocuments filename(String v) {
        filename = v;
        return this;
    }

    TestingDocuments status(String v) {
        status = v;
        return this;
    }

    TestingDocuments metadata(String json) {
        metadataJson = json;
        return this;
    }

    TestingDocuments types(String json) {
        metadataTypesJson = json;
        return this;
    }

    TestingDocuments system(String json) {
        systemMetadataJson = json;
        return this;
    }

    TestingDocuments storage(String json) {
        storageInfoJson = json;
        return this;
    }

    TestingDocuments additional(String json) {
        additionalMetadataJson = json;
        return this;
    }

    TestingDocuments chunks(String... ids) {
        chunkIds = List.of(ids);
        return this;
    }

    TestingDocuments created(int secondsAfterT0) {
        createdAt = T0.plusSeconds(secondsAfterT0);
        return this;
    }

    TestingDocuments updated(int secondsAfterT0) {
        updatedAt = T0.plusSeconds(secondsAfterT0);
        return this;
    }

    DocumentRecord build() {
        String sm = systemMetadataJson != null ? systemMetadataJson
                : status == null ? "{}" : "{\"status\":\"" + status + "\"}";
        return new DocumentRecord(id, ownerId, appId, endUserId, folderId, folderPath, filename, contentType, status,
                metadataJson, metadataTypesJson, sm, storageInfoJson, additionalMetadataJson, chunkIds, createdAt,
                updatedAt);
    }
}
