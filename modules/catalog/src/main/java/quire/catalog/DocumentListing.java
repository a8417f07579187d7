package quire.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;

/**
 * Document listings: {@code POST /documents/list_docs} (spec §1.7, HEAD semantics) and the
 * legacy FULL {@code POST /documents} bare array (spec §7.4, §9.1).
 *
 * <p>Paging follows Morphik exactly: a page is fetched with one extra row to learn
 * {@code has_more}; with {@code include_total_count} the total decides it instead;
 * {@code next_skip = skip + returned_count} only when more follow; {@code limit = 0} or
 * {@code return_documents = false} return aggregates only.
 */
public final class DocumentListing {
    private final StorageBackend storage;
    private final FolderService folders;
    private final DocumentView.Options listingOptions;

    /** A listing that renders documents the way Morphik's listings do (content kept, derived page_count). */
    public DocumentListing(StorageBackend storage, FolderService folders) {
        this(storage, folders, true);
    }

    /**
     * @param contentInListings false to leave {@code system_metadata.content} out of listed documents
     *                          (smaller pages; Morphik keeps it)
     */
    public DocumentListing(StorageBackend storage, FolderService folders, boolean contentInListings) {
        this.storage = storage;
        this.folders = folders;
        this.listingOptions = contentInListings ? DocumentView.Options.LISTING
                : DocumentView.Options.LISTING.withoutContent();
    }

    /**
     * Runs a {@code list_docs} request.
     *
     * @throws CatalogException 400 for an unsupported filter, an invalid folder selector or depth,
     *                          or a narrowing that would scan too many rows
     */
    public ListDocsResult list(AccessScope scope, ListDocsRequest request) {
        DocumentFilter filter = DocumentFilter.parse(request.documentFilters());
        FolderSelection selection = FolderSelection.resolve(folders, scope, request.folderNames(), request.folderDepth());
        DocumentQuery base = new DocumentQuery(request.endUserId(), selection.paths(), selection.includeSubfolders(),
                null, null, request.completedOnly() ? "completed" : null, request.skip(), request.limit(),
                request.sortBy(), request.descending());
        DocumentRows rows = DocumentRows.of(storage, folders, scope, base, selection, filter);

        int skip = request.skip();
        int limit = request.limit();
        boolean fetch = request.returnDocuments() && limit > 0;
        List<DocumentRecord> page = List.of();
        boolean hasMore = false;
        if (fetch) {
            page = rows.page(skip, limit + 1);
            if (page.size() > limit) {
                hasMore = true;
                page = page.subList(0, limit);
            }
        }
        int returned = page.size();
        Long total = null;
        if (request.includeTotalCount()) {
            total = rows.count();
            hasMore = fetch ? skip + returned < total : skip < total;
        }
        Integer nextSkip = null;
        if (total != null) {
            if (fetch && skip + returned < total) {
                nextSkip = skip + returned;
            }
        } else if (hasMore && fetch) {
            nextSkip = skip + returned;
        }
        Map<String, Long> statusCounts = request.includeStatusCounts() ? rows.countByStatus() : null;
        Map<String, Long> folderCounts = null;
        if (request.includeFolderCounts()) {
            folderCounts = rows.countByFolder();
            // Morphik answers null, not [], when no folder has documents
            if (folderCounts.isEmpty()) {
                folderCounts = null;
            }
        }
        List<JsonObject> documents = new ArrayList<>(page.size());
        for (DocumentRecord d : page) {
            documents.add(DocumentFields.project(DocumentView.toJson(d, listingOptions), request.fields()));
        }
        return new ListDocsResult(documents, skip, limit, total, hasMore, nextSkip, statusCounts, folderCounts);
    }

    /**
     * {@code GET /documents/filename/{filename}}: the most recently updated visible document with
     * exactly this filename within the folder selection and end user.
     *
     * @throws CatalogException 404 {@code Document with filename '<f>' not found}; 400 for a bad folder selector
     */
    public DocumentRecord findByFilename(AccessScope scope, String filename, List<String> folderNames,
                                         Integer folderDepth, String endUserId) {
        FolderSelection selection = FolderSelection.resolve(folders, scope, folderNames, folderDepth);
        return storage.findDocumentByFilename(scope, filename, selection.narrowing(endUserId))
                .orElseThrow(() -> CatalogException.notFound("Document with filename '" + filename + "' not found"));
    }

    /**
     * Runs a legacy FULL {@code POST /documents}: a bare array of full Documents (content
     * included, no derived {@code page_count}), oldest first so {@code skip}/{@code limit} pages are stable.
     *
     * @throws CatalogException 400 as for {@link #list}
     */
    public JsonArray listLegacy(AccessScope scope, LegacyListRequest request) {
        DocumentFilter filter = DocumentFilter.parse(request.documentFilters());
        FolderSelection selection = FolderSelection.resolve(folders, scope, request.folderNames(), null);
        DocumentQuery base = new DocumentQuery(request.endUserId(), selection.paths(), false, null, null, null,
                request.skip(), request.limit(), "created_at", false);
        DocumentRows rows = DocumentRows.of(storage, folders, scope, base, selection, filter);
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (DocumentRecord d : rows.page(request.skip(), request.limit())) {
            out.add(DocumentView.document(d));
        }
        return out.build();
    }
}
