package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import quire.api.http.QuireServices;
import quire.ingest.NewDocument;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;

/**
 * Puts documents into a running test server the way a client does: {@code POST /ingest/text}
 * (SDK 1.x body) or {@code POST /ingest/file} (multipart), as the scope's caller (the dev user,
 * or a jwt token minted for the scope), then waits until the document is processed.
 * {@link #createDirect} bypasses HTTP for rows a client cannot produce (e.g. names with CR/LF,
 * which a route may clean but older data may hold).
 */
final class TestingDocuments {
    /** The principal of every dev-mode request. */
    static final AccessScope DEV = new AccessScope("dev_user", null);
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final QuireTestServer server;
    private final QuireServices services;
    private final boolean jwt;

    /** For a dev-mode server. */
    TestingDocuments(QuireTestServer server) {
        this(server, false);
    }

    /** @param jwt true when the server is in jwt mode (see {@link TestingJwt}) */
    TestingDocuments(QuireTestServer server, boolean jwt) {
        this.server = server;
        this.services = server.server().services().orElseThrow();
        this.jwt = jwt;
    }

    QuireServices services() {
        return services;
    }

    /** A text document, waited for until processed. */
    DocumentRecord text(AccessScope scope, String filename, String content) {
        return create(scope, null, null, filename, null, content.getBytes(StandardCharsets.UTF_8), true, "{}");
    }

    /**
     * A document in {@code folderPath} (created when missing) for {@code endUserId} (may be null),
     * through the ingest routes.
     *
     * @param text true: {@code /ingest/text} with the bytes as UTF-8; false: {@code /ingest/file}
     *             with {@code declaredType} as the part's type
     */
    DocumentRecord create(AccessScope scope, String folderPath, String endUserId, String filename, String declaredType,
                          byte[] bytes, boolean text, String metadataJson) {
        HttpFixture client = client(scope);
        HttpFixture.Response r;
        if (text) {
            JsonObjectBuilder body = Json.createObjectBuilder()
                    .add("content", new String(bytes, StandardCharsets.UTF_8))
                    .add("metadata", IngestTesting.json(metadataJson))
                    .add("use_colpali", true)
                    .add("metadata_types", Json.createObjectBuilder());
            if (filename == null) {
                body.addNull("filename");
            } else {
                body.add("filename", filename);
            }
            if (folderPath != null) {
                body.add("folder_name", folderPath);
            }
            if (endUserId != null) {
                body.add("end_user_id", endUserId);
            }
            r = client.postJson("/ingest/text", body.build());
        } else {
            List<HttpFixture.Part> parts = new ArrayList<>();
            parts.add(new HttpFixture.Part("file", filename,
                    declaredType == null ? "application/octet-stream" : declaredType, bytes));
            parts.add(HttpFixture.Part.field("metadata", metadataJson));
            parts.add(HttpFixture.Part.field("metadata_types", "{}"));
            parts.add(HttpFixture.Part.field("use_colpali", "true"));
            if (folderPath != null) {
                parts.add(HttpFixture.Part.field("folder_name", folderPath));
            }
            if (endUserId != null) {
                parts.add(HttpFixture.Part.field("end_user_id", endUserId));
            }
            r = client.postMultipart("/ingest/file", parts);
        }
        assertEquals(200, r.status(), () -> "ingest failed: " + r.text());
        return settled(scope, r.object().getString("external_id"));
    }

    /** A document stored through the ingestion service directly, with any filename. */
    DocumentRecord createDirect(AccessScope scope, String filename, byte[] bytes) {
        try {
            DocumentRecord d = services.ingestion().submit(new NewDocument(scope, null, null, null, filename, null,
                    "{}", "{}", true), new ByteArrayInputStream(bytes), Long.MAX_VALUE);
            return settled(scope, d.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DocumentRecord settled(AccessScope scope, String id) {
        return services.ingestion().awaitSettled(scope, id, SETTLE)
                .orElseThrow(() -> new AssertionError("document " + id + " not visible"));
    }

    private HttpFixture client(AccessScope scope) {
        if (!jwt) {
            if (!scope.equals(DEV)) {
                throw new IllegalArgumentException("a dev-mode server has one caller; use createDirect for " + scope);
            }
            return server.http();
        }
        return server.http().withToken(TestingJwt.token(scope.ownerId(), scope.appId()));
    }
}
