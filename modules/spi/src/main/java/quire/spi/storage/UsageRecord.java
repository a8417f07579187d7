package quire.spi.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One tracked operation (spec §2.9, §4.10): what was done, by whom, how long it took and whether
 * it succeeded. Usage rows are scoped like every other record: {@code userId} is the row's owner.
 *
 * @param id            unique id
 * @param timestamp     when the operation started
 * @param operationType e.g. {@code ingest_text}, {@code list_folders}
 * @param tokensUsed    an estimate of the tokens the operation consumed (0 when unknown)
 * @param userId        the caller's user id (the owner of the row), never null
 * @param appId         the caller's app id, or null
 * @param durationMs    how long it took, in milliseconds
 * @param status        {@code success} or {@code error}
 * @param metadataJson  a JSON object of small facts about the operation; {@code {}} when null or blank
 * @param error         what went wrong when the status is {@code error}, else null
 */
public record UsageRecord(String id, Instant timestamp, String operationType, long tokensUsed, String userId,
                          String appId, double durationMs, String status, String metadataJson, String error) {
    /** Status of an operation that succeeded. */
    public static final String SUCCESS = "success";
    /** Status of an operation that failed. */
    public static final String ERROR = "error";

    public UsageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(operationType, "operationType");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        metadataJson = metadataJson == null || metadataJson.isBlank() ? "{}" : metadataJson;
    }
}
