package quire.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The outcome of a listing, rendered by {@link #toJson()} as Morphik's {@code ListDocsResponse}
 * {@code {documents, skip, limit, returned_count, total_count, has_more, next_skip,
 * status_counts, folder_counts}} (absent aggregates are JSON null).
 *
 * @param documents     rendered (and projected) documents
 * @param skip          the request's skip
 * @param limit         the request's limit
 * @param totalCount    matching documents, or null when not asked
 * @param hasMore       more documents follow this page
 * @param nextSkip      the skip of the next page, or null
 * @param statusCounts  status → count, or null when not asked
 * @param folderCounts  folder path (null: no folder) → count, nulls first, or null when not asked or empty
 */
public record ListDocsResult(List<JsonObject> documents, int skip, int limit, Long totalCount, boolean hasMore,
                             Integer nextSkip, Map<String, Long> statusCounts, Map<String, Long> folderCounts) {
    public ListDocsResult {
        documents = List.copyOf(documents);
        statusCounts = statusCounts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(statusCounts));
        // LinkedHashMap keeps order and admits the null key (unfoldered documents)
        folderCounts = folderCounts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(folderCounts));
    }

    /** @return how many documents this page holds */
    public int returnedCount() {
        return documents.size();
    }

    /** @return the {@code ListDocsResponse} JSON */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("documents", Json.createArrayBuilder(new ArrayList<>(documents)))
                .add("skip", skip)
                .add("limit", limit)
                .add("returned_count", returnedCount())
                .add("total_count", totalCount == null ? JsonValue.NULL : Json.createValue(totalCount))
                .add("has_more", hasMore)
                .add("next_skip", nextSkip == null ? JsonValue.NULL : Json.createValue(nextSkip));
        if (statusCounts == null) {
            b.addNull("status_counts");
        } else {
            JsonObjectBuilder s = Json.createObjectBuilder();
            statusCounts.forEach(s::add);
            b.add("status_counts", s);
        }
        if (folderCounts == null) {
            b.addNull("folder_counts");
        } else {
            JsonArrayBuilder a = Json.createArrayBuilder();
            folderCounts.forEach((folder, count) -> a.add(Json.createObjectBuilder()
                    .add("folder", CatalogJson.stringOrNull(folder)).add("count", count)));
            b.add("folder_counts", a);
        }
        return b.build();
    }
}
