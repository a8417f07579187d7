package quire.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonValue;

/** Builds the {@code system_metadata} JSON of a document as it moves through ingestion (spec §2.1). */
public final class SystemMetadata {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private SystemMetadata() {
    }

    /** @return Python-style ISO-8601 with {@code +00:00} */
    public static String iso(Instant instant) {
        return ISO.format(instant);
    }

    /** @return system metadata of a new document waiting in the queue */
    public static String queued(String previous, Instant now) {
        Map<String, JsonValue> v = new LinkedHashMap<>();
        v.put("status", JsonText.string(DocumentStatus.PROCESSING));
        v.put("updated_at", JsonText.string(iso(now)));
        v.put("progress", progress(IngestStep.QUEUED, 0));
        String base = previous == null || previous.isBlank() || "{}".equals(previous.trim())
                ? JsonText.with("{}", "created_at", JsonText.string(iso(now))) : previous;
        return JsonText.without(JsonText.with(base, v), "error", "error_message", "content_extraction_status",
                "content_extraction_warning");
    }

    /** @return the metadata with progress at {@code step}, {@code fraction} (0..1) through that step */
    public static String progressed(String previous, IngestStep step, double fraction, Instant now) {
        Map<String, JsonValue> v = new LinkedHashMap<>();
        v.put("progress", progress(step, fraction));
        v.put("updated_at", JsonText.string(iso(now)));
        return JsonText.with(previous, v);
    }

    /** @return the metadata of a completed document */
    public static String completed(String previous, String content, Integer pageCount, int chunkCount, Instant now) {
        Map<String, JsonValue> v = new LinkedHashMap<>();
        v.put("status", JsonText.string(DocumentStatus.COMPLETED));
        v.put("updated_at", JsonText.string(iso(now)));
        v.put("content", JsonText.string(content));
        v.put("page_count", JsonText.number(pageCount != null ? pageCount : Math.max(chunkCount, 1)));
        v.put("chunk_count", JsonText.number(chunkCount));
        if (content.isBlank()) {
            v.put("content_extraction_status", JsonText.string("no_content_extracted"));
            v.put("content_extraction_warning", JsonText.string("No text could be extracted from this document."));
        }
        return JsonText.without(JsonText.with(previous, v), "progress", "error", "error_message");
    }

    /** @return the metadata of a document that failed for good */
    public static String failed(String previous, String error, Instant now) {
        Map<String, JsonValue> v = new LinkedHashMap<>();
        v.put("status", JsonText.string(DocumentStatus.FAILED));
        v.put("updated_at", JsonText.string(iso(now)));
        v.put("error", JsonText.string(error));
        v.put("error_message", JsonText.string(error));
        return JsonText.without(JsonText.with(previous, v), "progress");
    }

    static JsonValue progress(IngestStep step, double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        int current = step.number();
        double pct = step == IngestStep.QUEUED ? 0 : ((current - 1) + f) * 100.0 / IngestStep.TOTAL;
        return JsonText.object()
                .add("current_step", current)
                .add("total_steps", IngestStep.TOTAL)
                .add("step_name", step.stepName())
                .add("percentage", Math.round(pct * 10) / 10.0)
                .build();
    }
}
