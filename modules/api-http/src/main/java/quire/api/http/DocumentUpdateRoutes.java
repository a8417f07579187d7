package quire.api.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.function.UnaryOperator;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import quire.api.http.multipart.MultipartException;
import quire.api.http.multipart.MultipartForm;
import quire.api.http.multipart.UploadedFile;
import quire.catalog.DocumentView;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;

/**
 * Morphik's document update routes (spec §1.7), HEAD semantics:
 * {@code update_text} and {@code update_file} <em>replace</em> the content and queue the
 * document again (old chunks stay searchable until the new ones replace them in one
 * transaction); {@code update_metadata} only merges metadata, nothing is re-embedded.
 *
 * <p>Metadata always merges: keys overwrite, nothing is deleted (see {@link MetadataMerge}).
 * FULL's {@code update_strategy} query parameter (only {@code add} ever existed) and
 * {@code rules} are accepted and ignored: HEAD's replace semantics apply. {@code folder_name}
 * and {@code end_user_id} in an update body are ignored too: an update never moves a document.
 */
public final class DocumentUpdateRoutes implements ApiRoutes {

    private static final String NOT_FOUND = "Document not found or update failed";

    private final QuireServices services;

    /** @param services the document services */
    public DocumentUpdateRoutes(QuireServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/documents/{document_id}/update_text", this::updateText);
        router.post("/documents/{document_id}/update_file", this::updateFile);
        router.post("/documents/{document_id}/update_metadata", this::updateMetadata);
    }

    private void updateText(ServerRequest req, ServerResponse res) throws IOException {
        AccessScope scope = Principal.of(req).scope();
        String id = req.path().pathParameters().get("document_id");
        JsonFields body = JsonBody.object(req);
        String content = body.requiredString("content");
        String filename = body.optionalString("filename");
        JsonObject metadata = body.optionalObject("metadata");
        JsonObject metadataTypes = body.optionalObject("metadata_types");
        body.optionalArray("rules");
        body.optionalBoolean("use_colpali");
        body.optionalString("folder_name");
        body.optionalString("end_user_id");
        if (content != null && content.isBlank()) {
            body.addError("content", "value_error", "Value error, content must not be empty or whitespace only");
        }
        body.validate();
        IngestRequests.rejectReservedTopLevel(body.json());
        JsonObject newMetadata = orEmpty(metadata);
        JsonObject declared = orEmpty(metadataTypes);
        DocumentRecord existing = find(scope, id);
        MetadataMerge.merge(existing, newMetadata, declared);

        boolean html = TextContent.looksLikeHtml(content);
        String storedName = filename == null || filename.isBlank() ? null : TextContent.filename(filename, html);
        DocumentRecord queued = services.ingestion().resubmit(scope, id,
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), services.maxUploadBytes(),
                        !html, storedName, html ? "text/html" : null, merging(newMetadata, declared))
                .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        // Like /ingest/text: give older clients, which query at once, a chance to see it completed.
        DocumentRecord settled = services.ingestion().awaitSettled(scope, id, services.textIngestWait()).orElse(queued);
        JsonResponses.send(res, DocumentView.document(settled));
    }

    private void updateFile(ServerRequest req, ServerResponse res) throws IOException, MultipartException {
        AccessScope scope = Principal.of(req).scope();
        String id = req.path().pathParameters().get("document_id");
        try (MultipartForm form = UploadForms.parse(req, services)) {
            UploadedFile file = UploadForms.requiredFile(form, "file");
            JsonObject metadata = IngestRequests.formObject(form, "metadata");
            JsonObject declared = IngestRequests.formObject(form, "metadata_types");
            form.booleanField("use_colpali");
            DocumentRecord existing = find(scope, id);
            MetadataMerge.merge(existing, metadata, declared);
            DocumentRecord queued;
            try (InputStream in = Files.newInputStream(file.tempFile())) {
                queued = services.ingestion().resubmit(scope, id, in, services.maxUploadBytes(), false,
                                UploadForms.clientFilename(file), file.contentType(), merging(metadata, declared))
                        .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
            }
            JsonResponses.send(res, DocumentView.document(queued));
        }
    }

    private void updateMetadata(ServerRequest req, ServerResponse res) {
        AccessScope scope = Principal.of(req).scope();
        String id = req.path().pathParameters().get("document_id");
        JsonFields body = JsonBody.object(req);
        JsonObject metadata;
        JsonObject declared;
        if (body.has("metadata")) {
            // HEAD: {"metadata": {...}, "metadata_types": {...}}
            metadata = orEmpty(body.optionalObject("metadata"));
            declared = orEmpty(body.optionalObject("metadata_types"));
            body.validate();
        } else {
            // SDK 0.2.x posts the metadata dict itself
            metadata = body.json();
            declared = JsonValue.EMPTY_JSON_OBJECT;
        }
        // compare-and-set: an ingestion worker may complete the document between our read and write
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            DocumentRecord existing = find(scope, id);
            MetadataMerge.Merged merged = MetadataMerge.merge(existing, metadata, declared);
            DocumentRecord updated = MetadataMerge.apply(existing, merged, services.clock().instant());
            if (services.storage().updateDocumentIfUnchanged(scope, updated, existing.updatedAt())) {
                JsonResponses.send(res, DocumentView.document(updated));
                return;
            }
        }
        throw new ApiException(409, "The document kept changing while it was updated; try again");
    }

    private static final int CAS_ATTEMPTS = 20;

    private DocumentRecord find(AccessScope scope, String id) {
        return services.storage().findDocument(scope, id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /** Re-merges against the row as {@code resubmit} reads it; the same input was checked before any byte was stored. */
    private UnaryOperator<DocumentRecord> merging(JsonObject metadata, JsonObject declared) {
        Instant now = services.clock().instant();
        return current -> MetadataMerge.apply(current, MetadataMerge.merge(current, metadata, declared), now);
    }

    private static JsonObject orEmpty(JsonObject o) {
        return o == null ? JsonValue.EMPTY_JSON_OBJECT : o;
    }
}
