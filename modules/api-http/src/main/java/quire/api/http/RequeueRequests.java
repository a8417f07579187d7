package quire.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;

/**
 * {@code POST /ingest/requeue} (spec §1.4, HEAD): queues documents again from their stored
 * source, either the listed {@code jobs} or, with {@code include_all}, every visible document
 * whose status is one of {@code statuses} (default {@code processing} and {@code failed}), at
 * most {@code limit}. Answers one result per document: {@code requeued} or {@code not_found}.
 */
final class RequeueRequests {

    private static final List<String> DEFAULT_STATUSES = List.of("processing", "failed");
    private static final int PAGE = 500;

    private final QuireServices services;

    RequeueRequests(QuireServices services) {
        this.services = services;
    }

    void handle(ServerRequest req, ServerResponse res) {
        AccessScope scope = Principal.of(req).scope();
        JsonFields body = JsonBody.object(req);
        JsonArray jobs = body.optionalArray("jobs");
        boolean includeAll = Boolean.TRUE.equals(body.bool("include_all", false));
        List<String> statuses = body.optionalStringList("statuses");
        Long limit = body.has("limit") && !body.json().isNull("limit")
                ? body.integer("limit", null, 1, Integer.MAX_VALUE) : null;
        List<ValidationError> errors = new ArrayList<>(body.errors());
        List<String> ids = jobIds(jobs, errors);
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
        if (ids.isEmpty() && !includeAll) {
            throw ApiException.badRequest("Provide jobs to requeue or set include_all to true");
        }
        // Collect before requeuing: a requeued failed document turns processing and would shift the pages.
        Map<String, Boolean> targets = new LinkedHashMap<>();
        ids.forEach(id -> targets.put(id, Boolean.TRUE));
        if (includeAll) {
            collect(scope, statuses == null ? DEFAULT_STATUSES : statuses, limit, targets);
        }
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (String id : targets.keySet()) {
            if (services.ingestion().requeue(scope, id)) {
                results.add(Json.createObjectBuilder().add("external_id", id).add("status", "requeued"));
            } else {
                results.add(Json.createObjectBuilder().add("external_id", id).add("status", "not_found")
                        .add("message", "Document not found"));
            }
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("results", results).build());
    }

    private static List<String> jobIds(JsonArray jobs, List<ValidationError> errors) {
        List<String> ids = new ArrayList<>();
        if (jobs == null) {
            return ids;
        }
        for (int i = 0; i < jobs.size(); i++) {
            JsonValue job = jobs.get(i);
            List<Object> loc = List.of("body", "jobs", i);
            if (job.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new ValidationError(loc, "Input should be a valid dictionary or object to extract fields from",
                        "model_attributes_type", job, null));
                continue;
            }
            JsonFields fields = new JsonFields(job.asJsonObject(), loc);
            String id = fields.requiredString("external_id");
            fields.optionalBoolean("use_colpali");
            errors.addAll(fields.errors());
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private void collect(AccessScope scope, List<String> statuses, Long limit, Map<String, Boolean> targets) {
        long max = limit == null ? Long.MAX_VALUE : limit;
        long added = 0;
        for (String status : statuses) {
            for (int skip = 0; added < max; skip += PAGE) {
                List<DocumentRecord> page = services.storage().listDocuments(scope,
                        new DocumentQuery(null, null, false, null, null, status, skip, PAGE, "created_at", false));
                for (DocumentRecord d : page) {
                    if (added >= max) {
                        break;
                    }
                    if (targets.putIfAbsent(d.id(), Boolean.TRUE) == null) {
                        added++;
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
    }
}
