package quire.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.FolderRecord;

/**
 * {@code POST /folders/details} (spec §1.8): each requested folder with, when any of the
 * include flags is set, a {@code document_info} of the documents directly in it
 * {@code {documents, document_count, status_counts, skip, limit, returned_count, has_more, next_skip}}.
 * The SDK's model calls the count {@code total_count}; Morphik sends {@code document_count} and so does Quire.
 */
public final class FolderDetails {
    private final FolderService folders;
    private final DocumentListing listing;

    public FolderDetails(FolderService folders, DocumentListing listing) {
        this.folders = folders;
        this.listing = listing;
    }

    /**
     * @return {@code {folders: [{folder: Folder, document_info: {...} | null}]}}
     * @throws CatalogException 404 {@code Folder <x> not found} for an unknown identifier; 400 for a bad filter
     */
    public JsonObject details(AccessScope scope, FolderDetailsRequest request) {
        DocumentFilter.parse(request.documentFilters()); // refuse a bad filter even when no folder exists
        List<FolderRecord> targets;
        if (request.identifiers() == null || request.identifiers().isEmpty()) {
            targets = folders.list(scope);
        } else {
            Map<String, FolderRecord> byId = new LinkedHashMap<>();
            for (String identifier : request.identifiers()) {
                FolderRecord f = folders.resolve(scope, identifier);
                byId.putIfAbsent(f.id(), f);
            }
            targets = new ArrayList<>(byId.values());
        }
        List<JsonObject> rendered = FolderView.folders(folders, scope, targets);
        boolean wantInfo = request.includeDocuments() || request.includeDocumentCount() || request.includeStatusCounts();
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (int i = 0; i < targets.size(); i++) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("folder", rendered.get(i));
            entry.add("document_info", wantInfo ? documentInfo(scope, targets.get(i), request) : JsonValue.NULL);
            entries.add(entry);
        }
        return Json.createObjectBuilder().add("folders", entries).build();
    }

    private JsonObject documentInfo(AccessScope scope, FolderRecord folder, FolderDetailsRequest request) {
        int skip = request.includeDocuments() ? request.documentSkip() : 0;
        int limit = request.includeDocuments() ? request.documentLimit() : 0;
        ListDocsResult r = listing.list(scope, ListDocsRequest.builder()
                .folderNames(List.of(folder.fullPath()))
                .documentFilters(request.documentFilters())
                .skip(skip).limit(limit)
                .returnDocuments(request.includeDocuments())
                .includeTotalCount(request.includeDocumentCount())
                .includeStatusCounts(request.includeStatusCounts())
                .sortBy(request.sortBy()).sortDirection(request.sortDirection())
                .fields(request.documentFields())
                .build());
        Long count = r.totalCount();
        if (count == null && request.includeDocuments()) {
            count = (long) r.returnedCount();
        }
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("documents", Json.createArrayBuilder(new ArrayList<>(r.documents())))
                .add("document_count", count == null ? JsonValue.NULL : Json.createValue(count));
        if (r.statusCounts() == null) {
            b.addNull("status_counts");
        } else {
            JsonObjectBuilder s = Json.createObjectBuilder();
            r.statusCounts().forEach(s::add);
            b.add("status_counts", s);
        }
        return b.add("skip", skip).add("limit", limit).add("returned_count", r.returnedCount())
                .add("has_more", r.hasMore())
                .add("next_skip", r.nextSkip() == null ? JsonValue.NULL : Json.createValue(r.nextSkip()))
                .build();
    }
}
