package quire.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import quire.api.http.multipart.MultipartForm;
import quire.catalog.MetadataTyping;
import quire.catalog.ReservedKeys;
import quire.spi.storage.AccessScope;
import quire.spi.storage.FolderRecord;

/**
 * The checks the ingest and update routes share (spec §1.4, §3.3): metadata sent as JSON form
 * strings, reserved keys, typed metadata, the target folder. Every check runs before anything is
 * stored, so a refused request leaves nothing behind.
 */
final class IngestRequests {

    /** The fields of Morphik's {@code IngestTextRequest}; other top-level keys are ignored unless reserved. */
    static final Set<String> TEXT_REQUEST_FIELDS = Set.of("content", "filename", "metadata", "metadata_types", "rules",
            "use_colpali", "folder_name", "end_user_id");

    private IngestRequests() {
    }

    /**
     * Parses a JSON form field such as {@code metadata} or {@code metadata_types}.
     *
     * @return the value, or {@code defaultValue} when the field was not sent or is blank
     * @throws ApiException 400 {@code Invalid JSON in <name>: ...}
     */
    static JsonValue formJson(MultipartForm form, String name, JsonValue defaultValue) {
        String text = form.field(name).orElse(null);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return JsonBody.parse(text);
        } catch (RequestValidationException e) {
            throw ApiException.badRequest("Invalid JSON in " + name + ": " + firstContext(e));
        }
    }

    /**
     * A JSON form field that must hold an object ({@code {}} when absent; JSON null counts as absent).
     *
     * @throws ApiException 400 {@code <name> must be a JSON object}
     */
    static JsonObject formObject(MultipartForm form, String name) {
        JsonValue value = formJson(form, name, JsonValue.EMPTY_JSON_OBJECT);
        return requireObject(name, value);
    }

    /** @return {@code value} as an object ({@code {}} for JSON null); 400 otherwise */
    static JsonObject requireObject(String name, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest(name + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    /**
     * Checks new metadata for ingest: no reserved key in either map, then types every value.
     *
     * @throws quire.catalog.CatalogException 400 for a reserved key or a value that cannot be coerced
     */
    static MetadataTyping.Typed typedForIngest(JsonObject metadata, JsonObject metadataTypes) {
        ReservedKeys.reject("metadata", metadata);
        ReservedKeys.reject("metadata_types", metadataTypes);
        return MetadataTyping.apply(metadata, metadataTypes);
    }

    /** Rejects reserved keys sent as extra top-level keys of a JSON ingest body. */
    static void rejectReservedTopLevel(JsonObject body) {
        List<String> extra = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!TEXT_REQUEST_FIELDS.contains(key) && ReservedKeys.KEYS.contains(key)) {
                extra.add(key);
            }
        }
        if (!extra.isEmpty()) {
            ReservedKeys.reject("request", quire.json.Json.createObjectBuilder()
                    .add(extra.getFirst(), JsonValue.NULL).build());
        }
    }

    /**
     * The folder a document goes into: created with its ancestors when missing (spec §4.9).
     *
     * @param folderName a path {@code /A/B} or a bare name; null or blank for none
     * @return the folder, or null for none
     * @throws quire.catalog.CatalogException 400 for an invalid path
     */
    static FolderRecord folder(QuireServices services, AccessScope scope, String endUserId, String folderName) {
        if (folderName == null || folderName.isBlank()) {
            return null;
        }
        return services.folders().ensure(scope, endUserId, folderName, null);
    }

    /**
     * {@code folder_name} of a multipart form: one value (HEAD refuses lists for single ingest).
     *
     * @throws ApiException 400 when sent more than once
     */
    static String singleFolderName(MultipartForm form) {
        List<String> values = form.fields("folder_name");
        if (values.size() > 1 || (values.size() == 1 && isJsonList(values.getFirst()))) {
            throw ApiException.badRequest("folder_name must be a single folder path, not a list");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Older clients send a list as a JSON string such as {@code ["a","b"]}. */
    private static boolean isJsonList(String value) {
        String s = value.strip();
        if (!s.startsWith("[")) {
            return false;
        }
        try {
            return JsonBody.parse(s).getValueType() == JsonValue.ValueType.ARRAY;
        } catch (RequestValidationException notJson) {
            return false;
        }
    }

    private static String firstContext(RequestValidationException e) {
        if (e.errors().isEmpty()) {
            return "malformed";
        }
        ValidationError error = e.errors().getFirst();
        if (error.ctx() != null && error.ctx().get("error") instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return error.msg();
    }
}
