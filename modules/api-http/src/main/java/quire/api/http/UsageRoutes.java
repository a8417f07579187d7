package quire.api.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.StorageUsage;
import quire.spi.storage.UsageQuery;
import quire.spi.storage.UsageRecord;
import quire.usage.UsageRecorder;

/**
 * The usage and log routes of spec §1.13: {@code GET /usage/stats} (tokens per operation),
 * {@code GET /usage/recent} (records, filtered), {@code GET /usage/app-storage} and
 * {@code GET /logs} / {@code /logs/}. Records are durable (FULL kept them in memory) and scoped
 * like every other record; each read first flushes the recorder, so it sees every operation that
 * answered before it. {@code /logs} serves the caller's records also without an app (HEAD
 * answered {@code []} there, an artefact of its hosted log proxy); its {@code since} (FULL) and
 * {@code hours} (HEAD) both narrow, the later bound winning.
 */
public final class UsageRoutes implements ApiRoutes {
    /** {@code /usage/recent} has no limit parameter; this caps its answer. */
    static final int RECENT_LIMIT = 1000;
    private static final double BYTES_PER_MB = 1024.0 * 1024.0;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final RecordServices services;
    private final UsageRecorder recorder;

    public UsageRoutes(RecordServices services) {
        this.services = services;
        this.recorder = services.usage();
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/usage/stats", this::stats)
                .get("/usage/recent", this::recent)
                .get("/usage/app-storage", this::appStorage)
                .routeBothSlashes(Method.GET, "/logs/", this::logs);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        AccessScope scope = Principal.of(req).scope();
        recorder.flush();
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (Map.Entry<String, Long> e : services.storage().usageTokensByOperation(scope, UsageQuery.all(1)).entrySet()) {
            out.add(e.getKey(), e.getValue());
        }
        JsonResponses.send(res, out.build());
    }

    private void recent(ServerRequest req, ServerResponse res) {
        JsonFields query = QueryParams.of(req);
        String operationType = query.optionalString("operation_type");
        String status = query.optionalString("status");
        Instant since = dateTime(query, "since");
        query.validate();
        AccessScope scope = Principal.of(req).scope();
        recorder.flush();
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (UsageRecord r : services.storage().listUsageRecords(scope,
                new UsageQuery(operationType, status, since, RECENT_LIMIT))) {
            out.add(Json.createObjectBuilder().add("timestamp", IsoTimes.format(r.timestamp()))
                    .add("operation_type", r.operationType()).add("tokens_used", r.tokensUsed())
                    .add("user_id", r.userId()).add("duration_ms", r.durationMs()).add("status", r.status())
                    .add("metadata", SavedModels.parse(r.metadataJson())));
        }
        JsonResponses.send(res, out.build());
    }

    private void logs(ServerRequest req, ServerResponse res) {
        JsonFields query = QueryParams.of(req);
        Long limit = query.integer("limit", 100L, 1, 500);
        Double hours = query.number("hours", null);
        if (hours != null && (hours < 0.1 || hours > 168)) {
            query.addError("hours", hours < 0.1 ? "greater_than_equal" : "less_than_equal",
                    hours < 0.1 ? "Input should be greater than or equal to 0.1" : "Input should be less than or equal to 168");
        }
        Instant since = dateTime(query, "since");
        String operationType = query.optionalString("op_type");
        String status = query.optionalString("status");
        query.validate();
        AccessScope scope = Principal.of(req).scope();
        Instant now = services.clock().instant();
        Instant byHours = hours == null && since != null
                ? null : now.minus(Duration.ofMillis(Math.round((hours == null ? 4.0 : hours) * 3_600_000)));
        Instant from = since == null ? byHours : byHours == null || since.isAfter(byHours) ? since : byHours;
        recorder.flush();
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (UsageRecord r : services.storage().listUsageRecords(scope,
                new UsageQuery(operationType, status, from, limit.intValue()))) {
            out.add(Json.createObjectBuilder().add("timestamp", IsoTimes.format(r.timestamp()))
                    .add("user_id", r.userId()).add("operation_type", r.operationType()).add("status", r.status())
                    .add("tokens_used", r.tokensUsed()).add("duration_ms", r.durationMs())
                    .add("app_id", r.appId() == null ? JsonValue.NULL : Json.createValue(r.appId()))
                    .add("metadata", SavedModels.parse(r.metadataJson()))
                    .add("error", r.error() == null ? JsonValue.NULL : Json.createValue(r.error())));
        }
        JsonResponses.send(res, out.build());
    }

    private void appStorage(ServerRequest req, ServerResponse res) {
        Principal principal = Principal.of(req);
        if (principal.appId() == null) {
            throw ApiException.badRequest("app_id is required");
        }
        StorageUsage usage = services.storage().storageUsage(principal.scope());
        double documents = mb(usage.documentBytes());
        double chunks = mb(usage.chunkBytes());
        JsonResponses.send(res, Json.createObjectBuilder().add("app_id", principal.appId())
                .add("doc_raw_bytes_mb", documents).add("chunk_raw_bytes_mb", chunks).add("multivector_mb", 0.0)
                .add("total_mb", round(documents + chunks)).add("document_count", usage.documentCount()).build());
    }

    private static double mb(long bytes) {
        return round(bytes / BYTES_PER_MB);
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * A pydantic datetime query parameter: ISO 8601 with or without offset (naive means UTC), a
     * date, or Unix seconds; 422 {@code datetime_parsing} otherwise.
     */
    static Instant dateTime(JsonFields query, String name) {
        String text = query.optionalString(name);
        if (text == null) {
            return null;
        }
        String value = text.strip().replace(' ', 'T');
        for (java.util.function.Function<String, Instant> parser : List.<java.util.function.Function<String, Instant>>of(
                v -> OffsetDateTime.parse(v.endsWith("Z") || v.endsWith("z") ? v.substring(0, v.length() - 1) + "+00:00" : v)
                        .toInstant(),
                v -> LocalDateTime.parse(v).toInstant(ZoneOffset.UTC),
                v -> LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC),
                v -> {
                    if (!v.matches("-?\\d{1,11}(\\.\\d+)?")) {
                        throw new NumberFormatException(v);
                    }
                    return Instant.ofEpochMilli(Math.round(Double.parseDouble(v) * 1000));
                })) {
            try {
                Instant parsed = parser.apply(value);
                // Python's datetime stops at year 9999 (and the databases would overflow far beyond)
                if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
                    break;
                }
                return parsed;
            } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                // try the next form
            }
        }
        query.addError(name, "datetime_parsing", "Input should be a valid datetime");
        return null;
    }
}
