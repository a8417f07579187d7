package quire.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.json.JsonValue;

/**
 * A {@code POST /folders/details} request (spec §1.8). The constructor validates.
 *
 * @param identifiers          folder ids, names or paths; null or empty: every visible folder
 * @param includeDocumentCount add {@code document_count}
 * @param includeStatusCounts  add {@code status_counts}
 * @param includeDocuments     add a page of documents per folder
 * @param documentFilters      filter, see {@link DocumentFilter}
 * @param documentSkip         per-folder offset, at least 0
 * @param documentLimit        per-folder page size, 0 to {@link ListDocsRequest#MAX_LIMIT}
 * @param documentFields       projection, see {@link DocumentFields}
 * @param sortBy               as in {@link ListDocsRequest}
 * @param sortDirection        as in {@link ListDocsRequest}
 */
public record FolderDetailsRequest(List<String> identifiers, boolean includeDocumentCount, boolean includeStatusCounts,
                                   boolean includeDocuments, JsonValue documentFilters, int documentSkip,
                                   int documentLimit, List<String> documentFields, String sortBy,
                                   String sortDirection) {
    /** Morphik's default per-folder page size. */
    public static final int DEFAULT_DOCUMENT_LIMIT = 25;

    public FolderDetailsRequest {
        identifiers = identifiers == null ? null : Collections.unmodifiableList(new ArrayList<>(identifiers));
        documentFields = documentFields == null ? null : Collections.unmodifiableList(new ArrayList<>(documentFields));
        if (documentSkip < 0) {
            throw CatalogException.badRequest("document_skip must be greater than or equal to 0; got " + documentSkip);
        }
        if (documentLimit < 0 || documentLimit > ListDocsRequest.MAX_LIMIT) {
            throw CatalogException.badRequest("document_limit must be between 0 and " + ListDocsRequest.MAX_LIMIT
                    + "; got " + documentLimit);
        }
        sortBy = ListDocsRequest.normalizeSortBy(sortBy);
        sortDirection = ListDocsRequest.normalizeSortDirection(sortDirection);
    }

    /** @return Morphik's defaults: all folders, document count only */
    public static FolderDetailsRequest defaults() {
        return new FolderDetailsRequest(null, true, false, false, null, 0, DEFAULT_DOCUMENT_LIMIT, null, null, null);
    }
}
