package quire.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.helidon.webserver.http.ServerRequest;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.catalog.LegacyListRequest;
import quire.catalog.ListDocsRequest;

/**
 * Reads the bodies and query parameters of the document routes into the catalog's request types,
 * with FastAPI's split: a wrong JSON type is a 422 here, a semantically bad value (unknown
 * {@code sort_by}, a limit past the maximum) a 400 from the catalog.
 */
final class DocumentRequests {

    private DocumentRequests() {
    }

    /** The body as fields of a model; an absent body counts as {@code {}} (every field has a default). */
    static JsonFields optionalObject(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new JsonFields(JsonValue.EMPTY_JSON_OBJECT, List.of("body"));
        }
        return JsonBody.object(req);
    }

    /** The repeatable {@code folder_name} query parameter; null when absent. */
    static List<String> folderNames(ServerRequest req) {
        return req.query().contains("folder_name") ? List.copyOf(req.query().all("folder_name")) : null;
    }

    /** The query parameters every listing shares: folder_depth and end_user_id (typed, 422 on bad types). */
    record Scope(List<String> folderNames, Integer folderDepth, String endUserId) {
    }

    /** Reads {@code folder_name}, {@code folder_depth}, {@code end_user_id} from the query string. */
    static Scope queryScope(ServerRequest req, JsonFields query) {
        Long depth = query.optionalLong("folder_depth");
        String endUser = query.has("end_user_id") ? single(query, "end_user_id") : null;
        return new Scope(folderNames(req), depth == null ? null : Math.toIntExact(clampInt(depth)), endUser);
    }

    /** {@code POST /documents/list_docs} (and HEAD {@code POST /documents}). */
    static ListDocsRequest listDocs(ServerRequest req, JsonFields body) {
        JsonFields query = QueryParams.of(req);
        Scope scope = queryScope(req, query);
        query.validate();
        JsonValue filters = filters(body, "document_filters");
        Long skip = body.integer("skip", 0L, 0, Integer.MAX_VALUE);
        Long limit = body.integer("limit", (long) ListDocsRequest.DEFAULT_LIMIT, 0, Integer.MAX_VALUE);
        Boolean returnDocuments = body.bool("return_documents", true);
        Boolean totalCount = body.bool("include_total_count", false);
        Boolean statusCounts = body.bool("include_status_counts", false);
        Boolean folderCounts = body.bool("include_folder_counts", false);
        Boolean completedOnly = body.bool("completed_only", false);
        String sortBy = body.string("sort_by", "updated_at");
        String sortDirection = body.string("sort_direction", "desc");
        List<String> fields = body.optionalStringList("fields");
        body.validate();
        return ListDocsRequest.builder().folderNames(scope.folderNames()).folderDepth(scope.folderDepth())
                .endUserId(scope.endUserId()).documentFilters(filters).skip(skip.intValue()).limit(limit.intValue())
                .returnDocuments(returnDocuments).includeTotalCount(totalCount).includeStatusCounts(statusCounts)
                .includeFolderCounts(folderCounts).completedOnly(completedOnly).sortBy(sortBy)
                .sortDirection(sortDirection).fields(fields).build();
    }

    /**
     * FULL {@code POST /documents}: body {@code {document_filters?, skip?, limit?}}; {@code skip} and
     * {@code limit} may also come as query parameters (the 0.2.x SDK sends them there). FULL ignored
     * those query values; the spec counts ignored parameters as bugs, so they are honoured here
     * unless the body sets the same key.
     */
    static LegacyListRequest legacyList(ServerRequest req, JsonFields body) {
        JsonFields query = QueryParams.of(req);
        Scope scope = queryScope(req, query);
        Long querySkip = query.integer("skip", null, 0, Integer.MAX_VALUE);
        Long queryLimit = query.integer("limit", null, 1, Integer.MAX_VALUE);
        query.validate();
        JsonValue filters = filters(body, "document_filters");
        Long skip = body.integer("skip", querySkip == null ? 0L : querySkip, 0, Integer.MAX_VALUE);
        Long limit = body.integer("limit", queryLimit == null ? (long) LegacyListRequest.DEFAULT_LIMIT : queryLimit,
                1, Integer.MAX_VALUE);
        body.validate();
        return new LegacyListRequest(scope.folderNames(), scope.endUserId(), filters, skip.intValue(), limit.intValue());
    }

    /** @return the body's member names, for {@link LegacyListRequest#looksLegacy} */
    static Set<String> keys(JsonFields body) {
        return body.json().keySet();
    }

    /** A filter member: null, an object, or (for the filter language's list forms) an array; else 422. */
    static JsonValue filters(JsonFields fields, String name) {
        JsonValue v = fields.json().get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL || v.getValueType() == JsonValue.ValueType.ARRAY) {
            return v;
        }
        return fields.optionalObject(name);
    }

    /**
     * A {@code folder_name} body member: {@code Optional[Union[str, List[str]]]}.
     *
     * @return null when absent or null
     */
    static List<String> folderNames(JsonFields fields, String name) {
        JsonValue v = fields.json().get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            return fields.optionalStringList(name);
        }
        fields.addError(name, "string_type", "Input should be a valid string");
        return null;
    }

    /** The ids of {@code POST /batch/documents}: {@code {document_ids: [...]}} or, from older clients, a bare list. */
    record Batch(List<String> documentIds, List<String> folderNames, String endUserId) {
    }

    static Batch batch(ServerRequest req) {
        JsonValue body = JsonBody.value(req);
        JsonFields fields;
        if (body.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonObject wrapped = quire.json.Json.createObjectBuilder().add("document_ids", body).build();
            fields = new JsonFields(wrapped, List.of("body"));
        } else if (body.getValueType() == JsonValue.ValueType.OBJECT) {
            fields = new JsonFields(body.asJsonObject(), List.of("body"));
        } else {
            throw RequestValidationException.of(new ValidationError(List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type", body, null));
        }
        if (!fields.has("document_ids")) {
            fields.requiredString("document_ids");
        }
        List<String> ids = fields.optionalStringList("document_ids");
        if (fields.has("document_ids") && fields.json().get("document_ids").getValueType() == JsonValue.ValueType.NULL) {
            fields.addError("document_ids", "list_type", "Input should be a valid list");
        }
        List<String> folders = folderNames(fields, "folder_name");
        String endUser = fields.optionalString("end_user_id");
        fields.validate();
        return new Batch(ids == null ? List.of() : ids, folders, endUser);
    }

    /** The body of {@code POST /search/documents} (spec §1.5). */
    record Search(String query, int limit, JsonValue filters, List<String> folderNames, Integer folderDepth,
                  String endUserId) {
    }

    static Search search(ServerRequest req) {
        JsonFields body = JsonBody.object(req);
        String query = body.requiredString("query");
        if (query != null && query.isEmpty()) {
            body.addError("query", "string_too_short", "String should have at least 1 character");
        }
        Long limit = body.integer("limit", 10L, 1, 100);
        JsonValue filters = filters(body, "filters");
        List<String> folders = folderNames(body, "folder_name");
        Long depth = body.optionalLong("folder_depth");
        String endUser = body.optionalString("end_user_id");
        body.validate();
        return new Search(query, limit.intValue(), filters, folders,
                depth == null ? null : Math.toIntExact(clampInt(depth)), endUser);
    }

    /** A single-valued query parameter as text (a repeated one takes the last value, like FastAPI). */
    private static String single(JsonFields query, String name) {
        JsonValue v = query.json().get(name);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        List<String> all = new ArrayList<>();
        v.asJsonArray().forEach(x -> all.add(((JsonString) x).getString()));
        return all.get(all.size() - 1);
    }

    /** Out-of-int depths are nonsense either way; clamp so the catalog gives its 400 rather than an overflow. */
    private static long clampInt(long v) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
