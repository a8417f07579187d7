package quire.catalog;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The part of the metadata filter language (spec §3) that listings support for now: no filter
 * ({@code null} or {@code {}}) and the HEAD special key {@code filename} with a plain string
 * (exact, case-sensitive equality on the filename column). Everything else is refused with a
 * clear 400 until the filter language lands, rather than being silently ignored (an ignored
 * filter would return documents the client asked to exclude).
 *
 * @param filenameEquals the exact filename to match, or null for no filtering
 */
public record DocumentFilter(String filenameEquals) {
    /** No filtering. */
    public static final DocumentFilter NONE = new DocumentFilter(null);

    /** The start of the detail of every refused filter. */
    public static final String NOT_SUPPORTED = "Metadata filters are not supported yet";

    /** @return true when nothing is filtered */
    public boolean isEmpty() {
        return filenameEquals == null;
    }

    /**
     * @param filters the request's {@code document_filters} (Java null, JSON null, or a value)
     * @throws CatalogException 400 for anything but {@code null}, {@code {}} or {@code {"filename": "<name>"}}
     */
    public static DocumentFilter parse(JsonValue filters) {
        if (filters == null || filters.getValueType() == JsonValue.ValueType.NULL) {
            return NONE;
        }
        if (filters.getValueType() != JsonValue.ValueType.OBJECT && filters.getValueType() != JsonValue.ValueType.ARRAY) {
            throw CatalogException.badRequest("Metadata filters must be provided as a JSON object.");
        }
        if (filters instanceof JsonObject o) {
            if (o.isEmpty()) {
                return NONE;
            }
            if (o.size() == 1 && o.get("filename") instanceof JsonString name) {
                return new DocumentFilter(name.getString());
            }
        }
        throw CatalogException.badRequest(NOT_SUPPORTED + " (only an empty filter or {\"filename\": \"<exact name>\"} "
                + "is accepted by this server version).");
    }
}
