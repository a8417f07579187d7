package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import quire.api.http.QuireServices;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;

/**
 * Puts documents into a running server for the folder tests through {@code POST /ingest/text},
 * waits until they are processed, and reads them back (over HTTP, or from storage for what a client cannot see).
 */
final class FolderSeeds {
    /** The dev-mode caller. */
    static final AccessScope DEV = new AccessScope("dev_user", null);

    private final QuireServices services;
    private final HttpFixture http;

    FolderSeeds(QuireTestServer server) {
        this.services = server.server().services().orElseThrow();
        this.http = server.http();
    }

    /** Ingests {@code text} as the dev user; see {@link #text(HttpFixture, AccessScope, String, String, String)}. */
    DocumentRecord text(AccessScope scope, String folderPath, String filename, String text) {
        return text(http, scope, folderPath, filename, text);
    }

    /**
     * Ingests {@code text} through {@code POST /ingest/text} into {@code folderPath} (created when
     * missing; null: no folder) as the caller of {@code client}, and waits until it is processed.
     */
    DocumentRecord text(HttpFixture client, AccessScope scope, String folderPath, String filename, String text) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("content", text).add("filename", filename)
                .add("metadata", Json.createObjectBuilder().add("kind", "seed"));
        if (folderPath != null) {
            body.add("folder_name", folderPath);
        }
        HttpFixture.Response r = client.postJson("/ingest/text", body.build());
        assertEquals(200, r.status(), r.text());
        String id = r.object().getString("external_id");
        DocumentRecord done = services.ingestion().awaitSettled(scope, id, Duration.ofSeconds(60)).orElseThrow();
        assertEquals("completed", done.status(), "seed document processed");
        return done;
    }

    /** @return the stored document, or null when it is gone */
    DocumentRecord find(AccessScope scope, String id) {
        return services.storage().findDocument(scope, id).orElse(null);
    }

    /** @return {@code GET /documents/{id}} as the dev user */
    JsonObject json(String id) {
        HttpFixture.Response r = http.get("/documents/" + id);
        assertEquals(200, r.status(), r.text());
        return r.object();
    }

    /** @return how many chunks are stored for the document */
    int chunkCount(String id) {
        return services.storage().chunksOf(id).size();
    }
}
