package quire.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonValue;

/**
 * A legacy FULL {@code POST /documents} request (spec §1.7, §7.4): body
 * {@code {document_filters?, skip = 0, limit = 10000}} and query {@code folder_name}
 * (repeatable), {@code end_user_id}. FULL ignores {@code skip}/{@code limit} sent as query
 * parameters (as the 0.2.x SDK does); the route should do the same.
 *
 * @param folderNames     {@code folder_name} values (null or empty: every folder); {@code "null"} = no folder
 * @param endUserId       {@code end_user_id} or null
 * @param documentFilters {@code document_filters}, see {@link DocumentFilter}
 * @param skip            offset, at least 0
 * @param limit           1 to {@link ListDocsRequest#MAX_LIMIT}
 */
public record LegacyListRequest(List<String> folderNames, String endUserId, JsonValue documentFilters, int skip,
                                int limit) {
    /** FULL's default page size. */
    public static final int DEFAULT_LIMIT = 10_000;

    /**
     * Body keys that only {@code ListDocsRequest} has. The 0.2.x SDK never sends them; it sends
     * {@code skip}/{@code limit} as query parameters and {@code {document_filters}} or {@code {}} as the body.
     */
    public static final Set<String> LIST_DOCS_ONLY_KEYS = Set.of("return_documents", "include_total_count",
            "include_status_counts", "include_folder_counts", "completed_only", "sort_by", "sort_direction", "fields");

    public LegacyListRequest {
        folderNames = folderNames == null ? null : Collections.unmodifiableList(new ArrayList<>(folderNames));
        if (skip < 0) {
            throw CatalogException.badRequest("skip must be greater than or equal to 0; got " + skip);
        }
        if (limit <= 0) {
            throw CatalogException.badRequest("limit must be greater than 0; got " + limit);
        }
        if (limit > ListDocsRequest.MAX_LIMIT) {
            throw CatalogException.badRequest("limit must be at most " + ListDocsRequest.MAX_LIMIT + "; got " + limit);
        }
        if (endUserId != null && endUserId.isEmpty()) {
            endUserId = null;
        }
    }

    /**
     * The "auto" rule for choosing the legacy array at {@code POST /documents}: the body carries
     * none of the {@link #LIST_DOCS_ONLY_KEYS} and the query string carries {@code skip} or
     * {@code limit} (the 0.2.x SDK's fingerprint; HEAD clients put paging in the body).
     *
     * @param bodyKeys        the JSON body's member names (empty for an empty body)
     * @param queryParamNames the query parameter names
     */
    public static boolean looksLegacy(Set<String> bodyKeys, Set<String> queryParamNames) {
        for (String key : bodyKeys) {
            if (LIST_DOCS_ONLY_KEYS.contains(key)) {
                return false;
            }
        }
        return queryParamNames.contains("skip") || queryParamNames.contains("limit");
    }
}
