package quire.apitests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import quire.api.http.QuireServices;
import quire.ingest.NewDocument;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;

/**
 * Puts documents into a running test server through its ingestion service (the same path the
 * ingest routes take), so document-route tests do not depend on the ingest routes.
 */
final class TestingDocuments {
    /** The principal of every dev-mode request. */
    static final AccessScope DEV = new AccessScope("dev_user", null);

    private final QuireServices services;

    TestingDocuments(QuireTestServer server) {
        this.services = server.server().services().orElseThrow();
    }

    QuireServices services() {
        return services;
    }

    /** A text document, waited for until processed. */
    DocumentRecord text(AccessScope scope, String filename, String content) {
        return create(scope, null, null, filename, null, content.getBytes(StandardCharsets.UTF_8), true, "{}");
    }

    /** A document in {@code folderPath} (created when missing) for {@code endUserId} (may be null). */
    DocumentRecord create(AccessScope scope, String folderPath, String endUserId, String filename, String declaredType,
                          byte[] bytes, boolean text, String metadataJson) {
        String folderId = null;
        String path = null;
        if (folderPath != null) {
            FolderRecord f = services.folders().ensure(scope, endUserId, folderPath, null);
            folderId = f.id();
            path = f.fullPath();
        }
        try {
            DocumentRecord d = services.ingestion().submit(new NewDocument(scope, endUserId, folderId, path, filename,
                    declaredType, metadataJson, "{}", text), new ByteArrayInputStream(bytes), Long.MAX_VALUE);
            return services.ingestion().awaitSettled(scope, d.id(), Duration.ofSeconds(30)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
