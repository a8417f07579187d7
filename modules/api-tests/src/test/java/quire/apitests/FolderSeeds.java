package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.JsonObject;

import quire.api.http.QuireServices;
import quire.catalog.DocumentView;
import quire.ingest.NewDocument;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;

/**
 * Puts documents into a running server for the folder tests through its services (what
 * {@code POST /ingest/text} does), waits until they are processed, and reads them back.
 */
final class FolderSeeds {
    /** The dev-mode caller. */
    static final AccessScope DEV = new AccessScope("dev_user", null);

    private final QuireServices services;

    FolderSeeds(QuireTestServer server) {
        this.services = server.server().services().orElseThrow();
    }

    /** Ingests {@code text} into {@code folderPath} (created when missing; null: no folder) and waits for completion. */
    DocumentRecord text(AccessScope scope, String folderPath, String filename, String text) {
        FolderRecord folder = folderPath == null ? null : services.folders().ensure(scope, null, folderPath, null);
        try {
            DocumentRecord doc = services.ingestion().submit(new NewDocument(scope, null,
                    folder == null ? null : folder.id(), folder == null ? null : folder.fullPath(), filename, null,
                    "{\"kind\":\"seed\"}", "{}", true), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    1 << 20);
            DocumentRecord done = services.ingestion().awaitSettled(scope, doc.id(), Duration.ofSeconds(60)).orElseThrow();
            assertEquals("completed", done.status(), "seed document processed");
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the stored document, or null when it is gone */
    DocumentRecord find(AccessScope scope, String id) {
        return services.storage().findDocument(scope, id).orElse(null);
    }

    /** @return the document as Morphik JSON (what {@code GET /documents/{id}} answers) */
    JsonObject json(AccessScope scope, String id) {
        return DocumentView.document(services.storage().findDocument(scope, id).orElseThrow());
    }

    /** @return how many chunks are stored for the document */
    int chunkCount(String id) {
        return services.storage().chunksOf(id).size();
    }
}
