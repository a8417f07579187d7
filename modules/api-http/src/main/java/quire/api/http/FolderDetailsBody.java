package quire.api.http;

import java.util.List;

import jakarta.json.JsonObject;

import quire.catalog.FolderDetailsRequest;

/**
 * Reads the body of {@code POST /folders/details} with the field rules of Morphik's pydantic
 * model {@code FolderDetailsRequest}: {@code document_skip}/{@code document_limit} are
 * {@code ge=0}, {@code sort_by} and {@code sort_direction} are literals; wrong types are 422.
 */
final class FolderDetailsBody {

    private static final List<String> SORT_BY = List.of("created_at", "updated_at", "filename", "external_id");
    private static final List<String> SORT_DIRECTION = List.of("asc", "desc");

    private FolderDetailsBody() {
    }

    /** @return the request; 422 for type errors, 400 (from the catalog) for a limit above its maximum */
    static FolderDetailsRequest parse(JsonFields body) {
        List<String> identifiers = body.optionalStringList("identifiers");
        Boolean includeCount = body.bool("include_document_count", true);
        Boolean includeStatus = body.bool("include_status_counts", false);
        Boolean includeDocuments = body.bool("include_documents", false);
        JsonObject filters = body.optionalObject("document_filters");
        Long skip = body.integer("document_skip", 0L, 0, Integer.MAX_VALUE);
        Long limit = body.integer("document_limit", (long) FolderDetailsRequest.DEFAULT_DOCUMENT_LIMIT, 0,
                Integer.MAX_VALUE);
        List<String> fields = body.optionalStringList("document_fields");
        String sortBy = literal(body, "sort_by", body.optionalString("sort_by"), SORT_BY);
        String sortDirection = literal(body, "sort_direction", body.string("sort_direction", "desc"), SORT_DIRECTION);
        body.validate();
        return new FolderDetailsRequest(identifiers, includeCount, includeStatus, includeDocuments, filters,
                skip.intValue(), limit.intValue(), fields, sortBy, sortDirection);
    }

    private static String literal(JsonFields body, String name, String value, List<String> allowed) {
        if (value == null || allowed.contains(value)) {
            return value;
        }
        body.addError(name, "literal_error", "Input should be " + expected(allowed));
        return null;
    }

    /** pydantic's wording: {@code 'a', 'b' or 'c'}. */
    private static String expected(List<String> allowed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < allowed.size(); i++) {
            if (i > 0) {
                b.append(i == allowed.size() - 1 ? " or " : ", ");
            }
            b.append('\'').append(allowed.get(i)).append('\'');
        }
        return b.toString();
    }
}
