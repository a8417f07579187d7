package quire.api.http;

import java.util.List;
import java.util.Optional;

import io.helidon.common.uri.UriEncoding;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import quire.catalog.CatalogException;
import quire.catalog.DocumentListing;
import quire.catalog.FolderDetails;
import quire.catalog.FolderService;
import quire.catalog.FolderView;
import quire.spi.storage.AccessScope;
import quire.spi.storage.FolderRecord;

/**
 * The folder routes of spec §1.8 with HEAD semantics:
 * {@code GET|POST /folders}, {@code GET /folders/summary}, {@code POST /folders/details},
 * {@code GET|DELETE /folders/{folder_id_or_name}}, {@code POST|DELETE
 * /folders/{folder_id_or_name}/documents/{document_id}} and {@code POST /folders/{folder_id_or_name}/move}.
 *
 * <p>{@code {folder_id_or_name}} may contain slashes, so everything below {@code /folders/} is
 * one catch-all per method and {@link FolderTarget} decides which route a path means (longest
 * existing folder first). Identifiers resolve as Morphik's HEAD does: canonical path, id, then
 * bare name. Unlike Morphik, the add/remove-document routes answer 404 for an unknown folder or
 * document instead of wrapping it into a 500. Folder summaries, rules and workflows are not
 * served (404).
 */
public final class FolderRoutes implements ApiRoutes {
    private static final String PREFIX = "/folders/";
    private final QuireServices services;
    private final FolderService folders;
    private final FolderDetails details;

    public FolderRoutes(QuireServices services) {
        this.services = services;
        this.folders = services.folders();
        this.details = new FolderDetails(folders, new DocumentListing(services.storage(), folders));
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/folders", this::list)
                .post("/folders", this::create)
                // before the catch-alls, as in Morphik: GET of a folder literally named "summary" needs its id
                .get("/folders/summary", this::summaries)
                .post("/folders/details", this::details)
                .route(Method.GET, "/folders/{+rest}", this::dispatch)
                .route(Method.DELETE, "/folders/{+rest}", this::dispatch)
                .route(Method.POST, "/folders/{+rest}", this::dispatch);
    }

    private void list(ServerRequest req, ServerResponse res) {
        AccessScope scope = Principal.of(req).scope();
        JsonArrayBuilder out = Json.createArrayBuilder();
        FolderView.folders(folders, scope, folders.list(scope)).forEach(out::add);
        JsonResponses.send(res, out.build());
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonFields body = JsonBody.object(req);
        String name = body.requiredString("name");
        String description = body.optionalString("description");
        String fullPath = body.optionalString("full_path");
        body.optionalString("parent_id"); // accepted and ignored, as at HEAD: the path decides the parent
        body.validate();
        AccessScope scope = Principal.of(req).scope();
        // Morphik: normalize_folder_path(full_path or name) -- an empty full_path falls back to the name
        String path = fullPath == null || fullPath.isEmpty() ? name : fullPath;
        FolderRecord folder = folders.ensure(scope, null, path, description);
        JsonResponses.send(res, FolderView.folder(folders, scope, folder));
    }

    private void summaries(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        FolderView.summaries(folders, Principal.of(req).scope()).forEach(out::add);
        JsonResponses.send(res, out.build());
    }

    private void details(ServerRequest req, ServerResponse res) {
        var request = FolderDetailsBody.parse(JsonBody.object(req));
        if (request.identifiers() != null) {
            for (String identifier : request.identifiers()) {
                if (!storable(identifier)) {
                    throw CatalogException.notFound("Folder " + identifier + " not found");
                }
            }
        }
        JsonResponses.send(res, details.details(Principal.of(req).scope(), request));
    }

    private void dispatch(ServerRequest req, ServerResponse res) throws Exception {
        String rest = rest(req);
        List<FolderTarget> candidates = FolderTarget.candidates(req.prologue().method().text(), rest);
        if (candidates.isEmpty()) {
            throw ApiException.notFound("Not Found");
        }
        AccessScope scope = Principal.of(req).scope();
        for (FolderTarget target : candidates) {
            if (!storable(target.folder())) {
                continue;
            }
            Optional<FolderRecord> folder = folders.find(scope, target.folder());
            if (folder.isPresent()) {
                handle(req, res, scope, target, folder.get());
                return;
            }
        }
        // Morphik resolves the folder before reading a body, so an unknown folder wins over a bad body.
        throw CatalogException.notFound("Folder " + candidates.getLast().folder() + " not found");
    }

    /**
     * The decoded path below {@code /folders/} as sent. The matcher's parameter and the
     * normalised path drop a leading slash ({@code folders//A/B} is what the SDK sends for
     * {@code get_folder("/A/B")}); Morphik keeps it in its {@code Folder /A/B not found}.
     */
    private static String rest(ServerRequest req) {
        String raw = req.path().rawPath();
        if (raw.startsWith(PREFIX)) {
            try {
                return UriEncoding.decodeUri(raw.substring(PREFIX.length()));
            } catch (IllegalArgumentException malformed) {
                // the server already decoded the path once to route it; use its reading
            }
        }
        return req.path().pathParameters().get("rest");
    }

    private void handle(ServerRequest req, ServerResponse res, AccessScope scope, FolderTarget target,
                        FolderRecord folder) throws Exception {
        switch (target.action()) {
            case GET -> JsonResponses.send(res, FolderView.folder(folders, scope, folder));
            case DELETE -> delete(req, res, scope, folder);
            case MOVE -> move(req, res, scope, folder);
            case ADD_DOCUMENT -> {
                requireStorable(target.documentId());
                folders.addDocument(scope, folder, target.documentId());
                JsonResponses.send(res, success("Document " + target.documentId() + " added to folder "
                        + folder.name() + " (" + folder.id() + ")"));
            }
            case REMOVE_DOCUMENT -> {
                requireStorable(target.documentId());
                folders.removeDocument(scope, folder, target.documentId());
                JsonResponses.send(res, success("Document " + target.documentId() + " removed from folder "
                        + folder.name() + " (" + folder.id() + ")"));
            }
        }
    }

    private void delete(ServerRequest req, ServerResponse res, AccessScope scope, FolderRecord folder) {
        JsonFields query = QueryParams.of(req);
        Boolean recursive = query.bool("recursive", false);
        query.validate();
        List<FolderRecord> descendants = folders.descendants(scope, folder);
        if (!descendants.isEmpty() && !recursive) {
            throw ApiException.badRequest("Folder " + folder.name() + " has " + descendants.size()
                    + " descendant folders; set recursive=true to delete the entire subtree.");
        }
        List<String> failed = folders.delete(scope, folder, recursive, (s, id) -> {
            // a document deleted meanwhile by someone else is gone, which is what we want
            services.ingestion().delete(s, id);
            return true;
        });
        if (!failed.isEmpty()) {
            // A storage or blob failure, not a client error: the folders holding them are kept.
            throw new ApiException(500, "Failed to delete documents: " + String.join(", ", failed));
        }
        JsonResponses.send(res, success("Folder " + folder.name() + " (" + folder.id() + ") deleted successfully"
                + (descendants.isEmpty() ? "" : " with descendants")));
    }

    private void move(ServerRequest req, ServerResponse res, AccessScope scope, FolderRecord folder) {
        JsonFields body = JsonBody.object(req);
        String newPath = body.requiredString("new_path");
        body.validate();
        FolderRecord moved = folders.move(scope, folder, newPath);
        JsonResponses.send(res, FolderView.folder(folders, scope, moved));
    }

    /**
     * Ids and paths never contain NUL (ids are generated, paths refuse control characters), and
     * PostgreSQL refuses a NUL in any text parameter: such an identifier names nothing.
     */
    private static boolean storable(String identifier) {
        return identifier.indexOf('\u0000') < 0;
    }

    private static void requireStorable(String documentId) {
        if (!storable(documentId)) {
            throw CatalogException.notFound("Document " + documentId + " not found");
        }
    }

    private static JsonObject success(String message) {
        return Json.createObjectBuilder().add("status", "success").add("message", message).build();
    }
}
