package quire.ingest;

import jakarta.json.JsonObject;
import quire.spi.storage.AccessScope;
import quire.spi.storage.JobRecord;

/** The payload of an ingestion job: whose document it is, so the worker reads it in that scope. */
final class JobPayload {
    static final String KIND_INGEST = "ingest";

    private JobPayload() {
    }

    static String of(AccessScope scope) {
        return JsonText.object()
                .add("owner_id", scope.ownerId())
                .add("app_id", JsonText.string(scope.appId()))
                .build().toString();
    }

    static AccessScope scope(JobRecord job) {
        JsonObject o = JsonText.parseObject(job.payloadJson());
        String app = o.isNull("app_id") ? null : o.getString("app_id", null);
        return new AccessScope(o.getString("owner_id"), app);
    }
}
