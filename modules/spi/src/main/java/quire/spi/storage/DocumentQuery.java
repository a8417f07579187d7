package quire.spi.storage;

import java.util.List;

/**
 * Narrowing, sorting and paging for document listings. Null fields do not narrow.
 *
 * @param endUserId    only this end user's documents
 * @param folderPaths  only documents in one of these folders; an entry {@code null} means
 *                     "documents with no folder"; an empty list matches nothing
 * @param includeSubfolders true to include documents of descendant folders of {@code folderPaths}
 *                     (path prefix {@code <path>/})
 * @param filter       metadata filter, already parsed, or null
 * @param filenameContains case-insensitive substring of the filename (wildcards are literal), or null
 * @param status       only this status, or null
 * @param skip         rows to skip
 * @param limit        rows to return at most
 * @param sortBy       {@code created_at}, {@code updated_at}, {@code filename} or {@code external_id}
 * @param descending   sort direction
 */
public record DocumentQuery(String endUserId, List<String> folderPaths, boolean includeSubfolders,
                            MetadataFilter filter, String filenameContains, String status,
                            int skip, int limit, String sortBy, boolean descending) {
    public DocumentQuery {
        folderPaths = folderPaths == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(folderPaths));
        sortBy = sortBy == null ? "created_at" : sortBy;
    }

    /** @return everything, newest first, at most {@code limit} */
    public static DocumentQuery all(int limit) {
        return new DocumentQuery(null, null, false, null, null, null, 0, limit, "created_at", true);
    }
}
