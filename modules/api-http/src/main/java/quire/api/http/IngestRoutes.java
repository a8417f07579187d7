package quire.api.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import quire.api.http.multipart.MultipartException;
import quire.api.http.multipart.MultipartForm;
import quire.api.http.multipart.UploadedFile;
import quire.catalog.DocumentView;
import quire.catalog.MetadataTyping;
import quire.ingest.NewDocument;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;

/**
 * Morphik's ingestion routes (spec §1.4): {@code POST /ingest/text}, {@code /ingest/file},
 * {@code /ingest/files} and {@code /ingest/requeue}.
 *
 * <p>Every check runs before anything is stored. Uploads stream to temp files first (so an
 * over-size or broken body stores nothing), then into the blob store. The client's file name is
 * stored as sent and never used as a path; its declared content type is only a hint, the
 * pipeline sniffs the bytes. {@code rules} and {@code parallel} are accepted and ignored (HEAD).
 */
public final class IngestRoutes implements ApiRoutes {

    private static final System.Logger LOG = System.getLogger(IngestRoutes.class.getName());

    private final QuireServices services;
    private final RequeueRequests requeue;

    /** @param services the document services */
    public IngestRoutes(QuireServices services) {
        this.services = services;
        this.requeue = new RequeueRequests(services);
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/ingest/text", this::ingestText);
        router.post("/ingest/file", this::ingestFile);
        router.post("/ingest/files", this::ingestFiles);
        router.post("/ingest/requeue", requeue::handle);
    }

    private void ingestText(ServerRequest req, ServerResponse res) throws IOException {
        AccessScope scope = Principal.of(req).scope();
        JsonFields body = JsonBody.object(req);
        String content = body.requiredString("content");
        String filename = body.optionalString("filename");
        JsonObject metadata = body.optionalObject("metadata");
        JsonObject metadataTypes = body.optionalObject("metadata_types");
        body.optionalArray("rules");
        body.optionalBoolean("use_colpali");
        String folderName = body.optionalString("folder_name");
        String endUserId = body.optionalString("end_user_id");
        if (content != null && content.isBlank()) {
            body.addError("content", "value_error", "Value error, content must not be empty or whitespace only");
        }
        body.validate();
        IngestRequests.rejectReservedTopLevel(body.json());
        MetadataTyping.Typed typed = IngestRequests.typedForIngest(orEmpty(metadata), orEmpty(metadataTypes));
        warnIfRules(body.has("rules") && !body.json().isNull("rules"));

        boolean html = TextContent.looksLikeHtml(content);
        FolderRecord folder = IngestRequests.folder(services, scope, endUserId, folderName);
        NewDocument doc = newDocument(scope, endUserId, folder, TextContent.filename(filename, html),
                html ? "text/html" : null, typed, !html);
        DocumentRecord stub = services.ingestion().submit(doc,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), services.maxUploadBytes());
        // Older SDKs query right after ingest_text (FULL answered synchronously): wait a little.
        DocumentRecord settled = services.ingestion().awaitSettled(scope, stub.id(), services.textIngestWait())
                .orElse(stub);
        JsonResponses.send(res, DocumentView.document(settled));
    }

    private void ingestFile(ServerRequest req, ServerResponse res) throws IOException, MultipartException {
        AccessScope scope = Principal.of(req).scope();
        try (MultipartForm form = UploadForms.parse(req, services)) {
            UploadedFile file = UploadForms.requiredFile(form, "file");
            JsonObject metadata = IngestRequests.formObject(form, "metadata");
            JsonObject metadataTypes = IngestRequests.formObject(form, "metadata_types");
            String folderName = IngestRequests.singleFolderName(form);
            String endUserId = form.field("end_user_id").orElse(null);
            form.booleanField("use_colpali");
            MetadataTyping.Typed typed = IngestRequests.typedForIngest(metadata, metadataTypes);
            warnIfRules(form.hasField("rules"));

            FolderRecord folder = IngestRequests.folder(services, scope, endUserId, folderName);
            DocumentRecord stub = submitFile(scope, endUserId, folder, file, typed);
            JsonResponses.send(res, DocumentView.document(stub));
        }
    }

    private void ingestFiles(ServerRequest req, ServerResponse res) throws IOException, MultipartException {
        AccessScope scope = Principal.of(req).scope();
        try (MultipartForm form = UploadForms.parse(req, services)) {
            List<UploadedFile> files = form.files("files");
            if (files.isEmpty()) {
                throw ApiException.badRequest("No files provided for batch ingestion");
            }
            List<JsonObject> metadata = perFile(form, "metadata", files.size());
            List<JsonObject> metadataTypes = perFile(form, "metadata_types", files.size());
            String folderName = IngestRequests.singleFolderName(form);
            String endUserId = form.field("end_user_id").orElse(null);
            form.booleanField("use_colpali");
            List<MetadataTyping.Typed> typed = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                typed.add(IngestRequests.typedForIngest(metadata.get(i), metadataTypes.get(i)));
            }
            warnIfRules(form.hasField("rules"));

            FolderRecord folder = IngestRequests.folder(services, scope, endUserId, folderName);
            List<DocumentRecord> accepted = new ArrayList<>(files.size());
            try {
                for (int i = 0; i < files.size(); i++) {
                    accepted.add(submitFile(scope, endUserId, folder, files.get(i), typed.get(i)));
                }
            } catch (IOException | RuntimeException e) {
                // the batch is all or nothing: take back what was already queued
                for (DocumentRecord d : accepted) {
                    discard(scope, d.id());
                }
                throw e;
            }
            JsonArrayBuilder documents = Json.createArrayBuilder();
            accepted.forEach(d -> documents.add(DocumentView.document(d)));
            JsonResponses.send(res, Json.createObjectBuilder()
                    .add("documents", documents)
                    .add("errors", JsonValue.EMPTY_JSON_ARRAY)
                    .build());
        }
    }

    private DocumentRecord submitFile(AccessScope scope, String endUserId, FolderRecord folder, UploadedFile file,
                                      MetadataTyping.Typed typed) throws IOException {
        NewDocument doc = newDocument(scope, endUserId, folder, UploadForms.clientFilename(file), file.contentType(),
                typed, false);
        try (InputStream in = Files.newInputStream(file.tempFile())) {
            return services.ingestion().submit(doc, in, services.maxUploadBytes());
        }
    }

    /**
     * {@code metadata} / {@code metadata_types} of a batch: one object for every file, or a list
     * with one object per file.
     */
    private static List<JsonObject> perFile(MultipartForm form, String name, int fileCount) {
        JsonValue value = IngestRequests.formJson(form, name, JsonValue.EMPTY_JSON_OBJECT);
        List<JsonObject> out = new ArrayList<>(fileCount);
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArray list = value.asJsonArray();
            if (list.size() != fileCount) {
                throw ApiException.badRequest("Number of " + name + " items (" + list.size()
                        + ") must match number of files (" + fileCount + ")");
            }
            for (JsonValue item : list) {
                out.add(IngestRequests.requireObject(name + " items", item));
            }
            return out;
        }
        JsonObject shared = IngestRequests.requireObject(name, value);
        for (int i = 0; i < fileCount; i++) {
            out.add(shared);
        }
        return out;
    }

    private static NewDocument newDocument(AccessScope scope, String endUserId, FolderRecord folder, String filename,
                                           String declaredType, MetadataTyping.Typed typed, boolean text) {
        return new NewDocument(scope, endUserId, folder == null ? null : folder.id(),
                folder == null ? null : folder.fullPath(), filename, declaredType, typed.metadata().toString(),
                typed.types().toString(), text);
    }

    private void discard(AccessScope scope, String documentId) {
        try {
            services.ingestion().delete(scope, documentId);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not take back document " + documentId
                    + " of a failed batch: " + e.getClass().getSimpleName());
        }
    }

    private static void warnIfRules(boolean sent) {
        if (sent) {
            LOG.log(System.Logger.Level.DEBUG, "rules were sent and are ignored (removed from Morphik's API)");
        }
    }

    private static JsonObject orEmpty(JsonObject o) {
        return o == null ? JsonValue.EMPTY_JSON_OBJECT : o;
    }
}
