package quire.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.helidon.common.uri.UriInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.catalog.DocumentFilter;
import quire.catalog.DocumentListing;
import quire.catalog.DocumentView;
import quire.catalog.FolderSelection;
import quire.catalog.LegacyListRequest;
import quire.spi.blob.BlobInfo;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;

/**
 * The document routes of spec §1.7 (listing, get, delete, status, by filename, download URL and
 * file) and {@code /batch/documents}, {@code /search/documents} of §1.5. Updates, pages and
 * summaries live elsewhere. Every storage call carries the caller's scope, so another owner's
 * document is simply not found.
 */
public final class DocumentRoutes implements ApiRoutes {
    /** Ids per storage lookup in a batch, well under SQLite's bound-parameter limit. */
    private static final int BATCH_SLICE = 500;
    /** Most ids one batch request may name. */
    private static final int MAX_BATCH_IDS = 10_000;
    /** Filename search candidates ranked in memory before the top {@code limit} are returned. */
    private static final int SEARCH_CANDIDATES = 1_000;

    private final QuireServices services;
    private final DocumentListing listing;
    private final DownloadUrls downloadUrls;

    public DocumentRoutes(QuireServices services) {
        this.services = services;
        this.listing = new DocumentListing(services.storage(), services.folders());
        this.downloadUrls = new DownloadUrls(services.signingKey(), services.clock());
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/documents", this::listDocuments)
                .post("/documents/list_docs", this::listDocs)
                .post("/batch/documents", this::batch)
                .post("/search/documents", this::search)
                // before /documents/{document_id}/...: "filename" is a literal segment here
                .get("/documents/filename/{+filename}", this::byFilename)
                .get("/documents/{document_id}", this::get)
                .delete("/documents/{document_id}", this::delete)
                .get("/documents/{document_id}/status", this::status)
                .get("/documents/{document_id}/download_url", this::downloadUrl)
                .routeWithAlternativeAuth(Method.GET, "/documents/{document_id}/file", downloadUrls::grant, this::file);
    }

    /** HEAD: the list_docs response; FULL (0.2.x SDK fingerprint): a bare array. */
    private void listDocuments(ServerRequest req, ServerResponse res) {
        JsonFields body = DocumentRequests.optionalObject(req);
        if (LegacyListRequest.looksLegacy(DocumentRequests.keys(body), req.query().names())) {
            LegacyListRequest legacy = DocumentRequests.legacyList(req, body);
            JsonResponses.send(res, listing.listLegacy(scope(req), legacy));
        } else {
            JsonResponses.send(res, listing.list(scope(req), DocumentRequests.listDocs(req, body)).toJson());
        }
    }

    private void listDocs(ServerRequest req, ServerResponse res) {
        JsonFields body = DocumentRequests.optionalObject(req);
        JsonResponses.send(res, listing.list(scope(req), DocumentRequests.listDocs(req, body)).toJson());
    }

    private void get(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, DocumentView.document(find(req)));
    }

    private void status(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, DocumentView.statusPayload(find(req)));
    }

    private void delete(ServerRequest req, ServerResponse res) throws IOException {
        String id = documentId(req);
        if (!services.ingestion().delete(scope(req), id)) {
            throw ApiException.notFound("Document not found or delete failed");
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("status", "success")
                .add("message", "Document " + id + " deleted successfully").build());
    }

    private void byFilename(ServerRequest req, ServerResponse res) {
        String filename = req.path().pathParameters().get("filename");
        JsonFields query = QueryParams.of(req);
        DocumentRequests.Scope scope = DocumentRequests.queryScope(req, query);
        query.validate();
        DocumentRecord d = listing.findByFilename(scope(req), filename, scope.folderNames(), scope.folderDepth(),
                scope.endUserId());
        JsonResponses.send(res, DocumentView.document(d));
    }

    private void downloadUrl(ServerRequest req, ServerResponse res) throws IOException {
        JsonFields query = QueryParams.of(req);
        Long expiresIn = query.integer("expires_in", 3600L, DownloadUrls.MIN_EXPIRES_IN, DownloadUrls.MAX_EXPIRES_IN);
        query.validate();
        DocumentRecord d = find(req);
        StoredFile file = storedFile(d);
        if (services.blobs().stat(file.bucket(), file.key()).isEmpty()) {
            throw ApiException.notFound("File not found for document");
        }
        String url = downloadUrls.sign(base(req), d.id(), scope(req), expiresIn);
        // Morphik's response model keeps only these two keys (spec §1.7, §9.4)
        JsonResponses.send(res, Json.createObjectBuilder().add("download_url", url).add("expires_in", expiresIn).build());
    }

    private void file(ServerRequest req, ServerResponse res) throws IOException {
        DocumentRecord d = find(req);
        StoredFile file = storedFile(d);
        Optional<BlobInfo> info = services.blobs().stat(file.bucket(), file.key());
        Optional<InputStream> bytes = info.isEmpty() ? Optional.empty() : services.blobs().get(file.bucket(), file.key());
        if (bytes.isEmpty()) {
            throw ApiException.notFound("File not found for document");
        }
        try (InputStream in = bytes.get()) {
            String type = FileHeaders.contentType(d.contentType());
            res.header(HeaderNames.CONTENT_TYPE, type);
            res.header(HeaderNames.CONTENT_DISPOSITION, FileHeaders.inlineDisposition(d.filename()));
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            if (FileHeaders.isActive(type)) {
                // an uploaded page or SVG must not run scripts in the API's origin
                res.header("Content-Security-Policy", "sandbox");
            }
            res.contentLength(info.get().size());
            try (OutputStream out = res.outputStream()) {
                in.transferTo(out);
            }
        }
    }

    private void batch(ServerRequest req, ServerResponse res) {
        DocumentRequests.Batch batch = DocumentRequests.batch(req);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(batch.documentIds()));
        if (ids.size() > MAX_BATCH_IDS) {
            throw ApiException.badRequest("At most " + MAX_BATCH_IDS + " document_ids per request; got " + ids.size());
        }
        AccessScope scope = scope(req);
        FolderSelection selection = FolderSelection.resolve(services.folders(), scope, batch.folderNames(), null);
        String endUser = batch.endUserId() == null || batch.endUserId().isEmpty() ? null : batch.endUserId();
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (int i = 0; i < ids.size(); i += BATCH_SLICE) {
            for (DocumentRecord d : services.storage().findDocuments(scope, ids.subList(i, Math.min(ids.size(), i + BATCH_SLICE)))) {
                if (selection.admits(d.folderPath()) && (endUser == null || endUser.equals(d.endUserId()))) {
                    out.add(DocumentView.document(d));
                }
            }
        }
        JsonResponses.send(res, out.build());
    }

    /**
     * Filename search: a case-insensitive substring match, or every word of a multi-word query in
     * the name (Morphik's full-text match on filename words). Ranked: exact name, then prefix, then
     * a match at a word start, then any match; newest first within a rank.
     */
    private void search(ServerRequest req, ServerResponse res) {
        DocumentRequests.Search s = DocumentRequests.search(req);
        AccessScope scope = scope(req);
        DocumentFilter filter = DocumentFilter.parse(s.filters());
        FolderSelection selection = FolderSelection.resolve(services.folders(), scope, s.folderNames(), s.folderDepth());
        String needle = s.query().strip().toLowerCase(Locale.ROOT);
        List<String> words = needle.isEmpty() ? List.of() : List.of(needle.split("[^\\p{L}\\p{N}]+"))
                .stream().filter(w -> !w.isEmpty()).toList();
        List<DocumentRecord> candidates = new ArrayList<>(query(scope, selection, s, s.query()));
        if (words.size() > 1) {
            String longest = words.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
            for (DocumentRecord d : query(scope, selection, s, longest)) {
                String name = d.filename() == null ? "" : d.filename().toLowerCase(Locale.ROOT);
                if (words.stream().allMatch(name::contains) && candidates.stream().noneMatch(c -> c.id().equals(d.id()))) {
                    candidates.add(d);
                }
            }
        }
        List<DocumentRecord> ranked = candidates.stream()
                .filter(filter::matches)
                .sorted(Comparator.comparingInt((DocumentRecord d) -> rank(d, needle))
                        .thenComparing(DocumentRecord::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(DocumentRecord::id))
                .limit(s.limit()).toList();
        JsonArrayBuilder out = Json.createArrayBuilder();
        ranked.forEach(d -> out.add(DocumentView.document(d)));
        JsonResponses.send(res, out.build());
    }

    private List<DocumentRecord> query(AccessScope scope, FolderSelection selection, DocumentRequests.Search s,
                                       String contains) {
        String endUser = s.endUserId() == null || s.endUserId().isEmpty() ? null : s.endUserId();
        return services.storage().listDocuments(scope, new DocumentQuery(endUser, selection.paths(),
                selection.includeSubfolders(), null, contains, null, 0, SEARCH_CANDIDATES, "updated_at", true));
    }

    private static int rank(DocumentRecord d, String needle) {
        String name = d.filename() == null ? "" : d.filename().toLowerCase(Locale.ROOT);
        if (name.equals(needle)) {
            return 0;
        }
        if (name.startsWith(needle)) {
            return 1;
        }
        int at = name.indexOf(needle);
        if (at > 0 && !Character.isLetterOrDigit(name.charAt(at - 1))) {
            return 2;
        }
        return at >= 0 ? 3 : 4;
    }

    // ---- helpers

    private DocumentRecord find(ServerRequest req) {
        return services.storage().findDocument(scope(req), documentId(req))
                .orElseThrow(() -> ApiException.notFound("Document not found"));
    }

    private static String documentId(ServerRequest req) {
        return req.path().pathParameters().get("document_id");
    }

    private static AccessScope scope(ServerRequest req) {
        return Principal.of(req).scope();
    }

    private record StoredFile(String bucket, String key) {
    }

    /** @return where the document's bytes live; 404 when the row names no file (spec §1.7) */
    private static StoredFile storedFile(DocumentRecord d) {
        JsonObject info;
        try {
            info = Json.createReader(new java.io.StringReader(d.storageInfoJson())).readObject();
        } catch (RuntimeException malformed) {
            throw ApiException.notFound("File not found for document");
        }
        String bucket = text(info.get("bucket"));
        String key = text(info.get("key"));
        if (bucket == null || key == null) {
            throw ApiException.notFound("File not found for document");
        }
        return new StoredFile(bucket, key);
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }

    /** The scheme and authority the client used (Host header), so the link works from where it asked. */
    private static String base(ServerRequest req) {
        UriInfo uri = req.requestedUri();
        return uri.scheme() + "://" + uri.authority();
    }
}
