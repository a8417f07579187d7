package quire.api.http;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.helidon.webserver.http.ServerRequest;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Reads the bodies of the retrieval routes (spec §1.5) with pydantic's split: a wrong type or a
 * bound such as {@code k > 0} is a 422 here; what only the server can judge (a filter, a folder
 * path, an image query without a multi-vector model, a k above the server's maximum) is a 400
 * later. Keys of other versions ({@code graph_name}, {@code hop_depth} ...) are ignored as
 * pydantic ignores extras.
 */
final class RetrieveRequests {
    /** {@code output_format} values (HEAD). */
    private static final Set<String> OUTPUT_FORMATS = Set.of("base64", "url", "text");
    private static final List<Object> BODY = List.of("body");

    private RetrieveRequests() {
    }

    /**
     * A RetrieveRequest.
     *
     * @param query        the text query, or null when {@code query_image} was sent instead
     * @param queryImage   the image query (base64 or data URI), or null
     * @param filters      the metadata filter (unparsed) or null
     * @param k            results wanted (&gt; 0)
     * @param minScore     results scoring lower are dropped
     * @param useReranking null: the server's default
     * @param padding      neighbouring chunks on each side of every hit
     * @param folderNames  folder selectors, or null
     * @param folderDepth  {@code folder_depth} or null
     * @param endUserId    end-user narrowing, or null
     */
    record Retrieve(String query, String queryImage, JsonValue filters, int k, double minScore, Boolean useReranking,
                    int padding, List<String> folderNames, Integer folderDepth, String endUserId) {
    }

    /** One {@code /batch/chunks} source. */
    record Source(String documentId, int chunkNumber, double score) {
    }

    /** The body of {@code /batch/chunks}. */
    record BatchChunks(List<Source> sources, List<String> folderNames, String endUserId) {
    }

    static Retrieve retrieve(ServerRequest req) {
        JsonFields body = JsonBody.object(req);
        List<ValidationError> errors = new ArrayList<>();
        Retrieve r = retrieve(body, errors);
        validate(body, errors);
        return r;
    }

    /**
     * Reads the RetrieveRequest fields without answering 422, so a body extending it (the
     * CompletionQueryRequest of {@code /query}) reports its own fields' errors in the same 422.
     *
     * @param errors receives cross-field errors; the body keeps its own
     * @return the request, or null when an error was recorded (the caller then calls {@link #validate})
     */
    static Retrieve retrieve(JsonFields body, List<ValidationError> errors) {
        String query = body.optionalString("query");
        if (query != null && query.isEmpty()) {
            errors.add(new ValidationError(List.of("body", "query"), "String should have at least 1 character",
                    "string_too_short", body.json().get("query"), Json.createObjectBuilder().add("min_length", 1).build()));
        }
        String image = body.optionalString("query_image");
        JsonValue filters = DocumentRequests.filters(body, "filters");
        Long k = body.integer("k", 4L);
        if (k != null && k < 1) {
            errors.add(new ValidationError(List.of("body", "k"), "Input should be greater than 0", "greater_than",
                    body.json().get("k"), Json.createObjectBuilder().add("gt", 0).build()));
        }
        Double minScore = body.number("min_score", 0.0);
        if (minScore != null && (minScore.isNaN() || minScore.isInfinite())) {
            errors.add(new ValidationError(List.of("body", "min_score"), "Input should be a finite number",
                    "finite_number", body.json().get("min_score"), null));
        }
        Boolean useReranking = body.optionalBoolean("use_reranking");
        body.optionalBoolean("use_colpali"); // accepted; there is no multi-vector store, text search answers
        outputFormat(body, errors);
        Long padding = body.integer("padding", 0L, 0, Integer.MAX_VALUE);
        List<String> folders = DocumentRequests.folderNames(body, "folder_name");
        Long depth = body.optionalLong("folder_depth");
        String endUser = body.optionalString("end_user_id");
        boolean hasQuery = query != null;
        boolean hasImage = image != null;
        if (hasQuery == hasImage && body.errors().isEmpty() && errors.isEmpty()) {
            // HEAD's model validator (FULL made query required: the same request fails there too)
            errors.add(new ValidationError(BODY, "Value error, Provide exactly one of 'query' or 'query_image'",
                    "value_error", body.json(), null));
        }
        if (!body.errors().isEmpty() || !errors.isEmpty()) {
            return null;
        }
        return new Retrieve(query, image, filters, Math.toIntExact(Math.min(k, Integer.MAX_VALUE)), minScore,
                useReranking, padding.intValue(), folders, depth == null ? null : (int) clampInt(depth), endUser);
    }

    /**
     * An image query needs a multi-vector model; none is configured, so it is a 400 (invalid
     * base64 is a 400 of its own, as at HEAD).
     */
    static ApiException imageQueryRefused(String image) {
        if (!decodableImage(image)) {
            return ApiException.badRequest("Invalid query_image: expected base64 or a base64 data URI");
        }
        return ApiException.badRequest("Image queries (query_image) need a multi-vector (ColPali) model, "
                + "and none is configured on this server; send a text query instead");
    }

    /** @return true when the text is plain base64 or a base64 data URI (checked so a bad one gets its own message) */
    static boolean decodableImage(String image) {
        String data = image;
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            if (comma < 0) {
                return false;
            }
            data = data.substring(comma + 1);
        }
        try {
            Base64.getMimeDecoder().decode(data.strip());
            return !data.isBlank();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code /batch/chunks}: {@code {sources: [...], folder_name?, end_user_id?, use_colpali?, output_format?}} or a bare list of sources. */
    static BatchChunks batchChunks(ServerRequest req) {
        JsonValue value = JsonBody.value(req);
        JsonFields body;
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            body = new JsonFields(Json.createObjectBuilder().add("sources", value).build(), BODY);
        } else if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            body = new JsonFields(value.asJsonObject(), BODY);
        } else {
            throw RequestValidationException.of(new ValidationError(BODY,
                    "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type", value, null));
        }
        List<ValidationError> errors = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        if (!body.has("sources")) {
            errors.add(new ValidationError(List.of("body", "sources"), "Field required", "missing", body.json(), null));
        } else {
            JsonValue raw = body.json().get("sources");
            if (raw.getValueType() != JsonValue.ValueType.ARRAY) {
                errors.add(new ValidationError(List.of("body", "sources"), "Input should be a valid list", "list_type",
                        raw, null));
            } else {
                for (int i = 0; i < raw.asJsonArray().size(); i++) {
                    Source s = source(raw.asJsonArray().get(i), i, errors);
                    if (s != null) {
                        sources.add(s);
                    }
                }
            }
        }
        List<String> folders = DocumentRequests.folderNames(body, "folder_name");
        String endUser = body.optionalString("end_user_id");
        body.optionalBoolean("use_colpali");
        outputFormat(body, errors);
        validate(body, errors);
        return new BatchChunks(sources, folders, endUser);
    }

    /** A ChunkSource {@code {document_id, chunk_number, score?}}; errors are reported at {@code [body, sources, i, field]}. */
    private static Source source(JsonValue v, int index, List<ValidationError> errors) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new ValidationError(List.of("body", "sources", index), "Input should be a valid dictionary or "
                    + "instance of ChunkSource", "model_type", v, null));
            return null;
        }
        JsonFields f = new JsonFields(v.asJsonObject(), List.of("body", "sources", index));
        String documentId = f.requiredString("document_id");
        Long chunkNumber = f.requiredLong("chunk_number");
        Double score = f.optionalNumber("score");
        errors.addAll(f.errors());
        if (documentId == null || chunkNumber == null || !f.errors().isEmpty()) {
            return null;
        }
        if (chunkNumber < 0 || chunkNumber > Integer.MAX_VALUE) {
            // no chunk has such a number: it simply finds nothing
            return new Source(documentId, -1, score == null ? 0.0 : score);
        }
        return new Source(documentId, chunkNumber.intValue(), score == null || score.isNaN() ? 0.0 : score);
    }

    private static void outputFormat(JsonFields body, List<ValidationError> errors) {
        String format = body.optionalString("output_format");
        if (format != null && !OUTPUT_FORMATS.contains(format)) {
            JsonObject ctx = Json.createObjectBuilder().add("expected", "'base64', 'url' or 'text'").build();
            errors.add(new ValidationError(List.of("body", "output_format"), "Input should be 'base64', 'url' or 'text'",
                    "enum", body.json().get("output_format"), ctx));
        }
    }

    /** Answers 422 with the body's errors and {@code extra}, when there are any. */
    static void validate(JsonFields body, List<ValidationError> extra) {
        if (!body.errors().isEmpty() || !extra.isEmpty()) {
            List<ValidationError> all = new ArrayList<>(body.errors());
            all.addAll(extra);
            throw new RequestValidationException(all);
        }
    }

    private static long clampInt(long v) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

}
