package quire.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.json.JsonValue;

/**
 * A {@code POST /documents/list_docs} request (spec §1.7): the body fields plus the query
 * parameters {@code folder_name}, {@code folder_depth} and {@code end_user_id}. The constructor
 * validates and normalizes (sort names lower-cased, blank fields dropped).
 *
 * @param folderNames         {@code folder_name} values (null or empty: every folder)
 * @param folderDepth         {@code folder_depth} or null
 * @param endUserId           {@code end_user_id} or null
 * @param documentFilters     {@code document_filters} (null, JSON null or a JSON value); see {@link DocumentFilter}
 * @param skip                offset, at least 0
 * @param limit               page size, 0 to {@link #MAX_LIMIT} (0: aggregates only)
 * @param returnDocuments     false: aggregates only
 * @param includeTotalCount   add {@code total_count}
 * @param includeStatusCounts add {@code status_counts}
 * @param includeFolderCounts add {@code folder_counts}
 * @param completedOnly       only documents whose status is {@code completed} (counts too)
 * @param sortBy              {@code created_at}, {@code updated_at}, {@code filename} or {@code external_id}
 * @param sortDirection       {@code asc} or {@code desc}
 * @param fields              projection paths or null (see {@link DocumentFields})
 */
public record ListDocsRequest(List<String> folderNames, Integer folderDepth, String endUserId,
                              JsonValue documentFilters, int skip, int limit, boolean returnDocuments,
                              boolean includeTotalCount, boolean includeStatusCounts, boolean includeFolderCounts,
                              boolean completedOnly, String sortBy, String sortDirection, List<String> fields) {
    /** The largest page a client may ask for. */
    public static final int MAX_LIMIT = 10_000;
    /** The default page size of {@code list_docs}. */
    public static final int DEFAULT_LIMIT = 100;
    /** Accepted {@code sort_by} values. */
    public static final Set<String> SORT_FIELDS = Set.of("created_at", "updated_at", "filename", "external_id");

    public ListDocsRequest {
        folderNames = folderNames == null ? null : Collections.unmodifiableList(new ArrayList<>(folderNames));
        fields = fields == null ? null : Collections.unmodifiableList(new ArrayList<>(fields));
        if (skip < 0) {
            throw CatalogException.badRequest("skip must be greater than or equal to 0; got " + skip);
        }
        if (limit < 0) {
            throw CatalogException.badRequest("limit must be greater than or equal to 0; got " + limit);
        }
        if (limit > MAX_LIMIT) {
            throw CatalogException.badRequest("limit must be at most " + MAX_LIMIT + "; got " + limit
                    + ". Page with skip and next_skip instead.");
        }
        sortBy = normalizeSortBy(sortBy);
        sortDirection = normalizeSortDirection(sortDirection);
        if (endUserId != null && endUserId.isEmpty()) {
            endUserId = null;
        }
    }

    /** @return true for a descending sort */
    public boolean descending() {
        return sortDirection.equals("desc");
    }

    /** @return a builder with Morphik's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        return new Builder().folderNames(folderNames).folderDepth(folderDepth).endUserId(endUserId)
                .documentFilters(documentFilters).skip(skip).limit(limit).returnDocuments(returnDocuments)
                .includeTotalCount(includeTotalCount).includeStatusCounts(includeStatusCounts)
                .includeFolderCounts(includeFolderCounts).completedOnly(completedOnly).sortBy(sortBy)
                .sortDirection(sortDirection).fields(fields);
    }

    static String normalizeSortBy(String sortBy) {
        String s = sortBy == null ? "updated_at" : sortBy.strip().toLowerCase(Locale.ROOT);
        if (!SORT_FIELDS.contains(s)) {
            throw CatalogException.badRequest("sort_by must be one of created_at, updated_at, filename, external_id; got '"
                    + sortBy + "'");
        }
        return s;
    }

    static String normalizeSortDirection(String direction) {
        String s = direction == null ? "desc" : direction.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("asc") && !s.equals("desc")) {
            throw CatalogException.badRequest("sort_direction must be 'asc' or 'desc'; got '" + direction + "'");
        }
        return s;
    }

    /** Builds a {@link ListDocsRequest}; unset members keep Morphik's defaults. */
    public static final class Builder {
        private List<String> folderNames;
        private Integer folderDepth;
        private String endUserId;
        private JsonValue documentFilters;
        private int skip;
        private int limit = DEFAULT_LIMIT;
        private boolean returnDocuments = true;
        private boolean includeTotalCount;
        private boolean includeStatusCounts;
        private boolean includeFolderCounts;
        private boolean completedOnly;
        private String sortBy = "updated_at";
        private String sortDirection = "desc";
        private List<String> fields;

        private Builder() {
        }

        public Builder folderNames(List<String> v) {
            folderNames = v;
            return this;
        }

        public Builder folderDepth(Integer v) {
            folderDepth = v;
            return this;
        }

        public Builder endUserId(String v) {
            endUserId = v;
            return this;
        }

        public Builder documentFilters(JsonValue v) {
            documentFilters = v;
            return this;
        }

        public Builder skip(int v) {
            skip = v;
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public Builder returnDocuments(boolean v) {
            returnDocuments = v;
            return this;
        }

        public Builder includeTotalCount(boolean v) {
            includeTotalCount = v;
            return this;
        }

        public Builder includeStatusCounts(boolean v) {
            includeStatusCounts = v;
            return this;
        }

        public Builder includeFolderCounts(boolean v) {
            includeFolderCounts = v;
            return this;
        }

        public Builder completedOnly(boolean v) {
            completedOnly = v;
            return this;
        }

        public Builder sortBy(String v) {
            sortBy = v;
            return this;
        }

        public Builder sortDirection(String v) {
            sortDirection = v;
            return this;
        }

        public Builder fields(List<String> v) {
            fields = v;
            return this;
        }

        /** @throws CatalogException 400 for invalid values */
        public ListDocsRequest build() {
            return new ListDocsRequest(folderNames, folderDepth, endUserId, documentFilters, skip, limit,
                    returnDocuments, includeTotalCount, includeStatusCounts, includeFolderCounts, completedOnly,
                    sortBy, sortDirection, fields);
        }
    }
}
