package quire.catalog;

import java.util.Map;
import java.util.Set;

import quire.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.storage.DocumentRecord;

/**
 * A {@link DocumentRecord} as Morphik's {@code Document} JSON (spec §2.1, HEAD shape), and the
 * payload of {@code GET /documents/{id}/status}.
 *
 * <p>The row's columns win over copies inside the JSON blobs: {@code status}, {@code created_at}
 * and {@code updated_at} come from the columns (they are what listings sort and count by), the
 * folder fields from {@code folder_id}/{@code folder_path}.
 */
public final class DocumentView {
    /** Keys that live in top-level columns and are never shown inside {@code system_metadata}. */
    private static final Set<String> SCOPE_KEYS = Set.of("folder_name", "folder_path", "folder_id", "end_user_id",
            "app_id", "owner_id");
    /** Summary pointer keys (HEAD), kept in system metadata and mirrored at the top level. */
    private static final String[] SUMMARY_KEYS = {"summary_storage_key", "summary_version", "summary_bucket",
            "summary_updated_at"};

    private DocumentView() {
    }

    /**
     * How to render a document.
     *
     * @param includeContent   keep {@code system_metadata.content} (the full extracted text; can be large)
     * @param derivedPageCount add the top-level {@code page_count} that listing payloads carry
     */
    public record Options(boolean includeContent, boolean derivedPageCount) {
        /** {@code GET /documents/{id}} and every route that returns a single Document. */
        public static final Options DOCUMENT = new Options(true, false);
        /** {@code list_docs} and folder details: derived {@code page_count}, content kept as Morphik does. */
        public static final Options LISTING = new Options(true, true);

        /** @return these options without {@code system_metadata.content} */
        public Options withoutContent() {
            return new Options(false, derivedPageCount);
        }
    }

    /** @return the full Document JSON (same as {@code toJson(d, Options.DOCUMENT)}) */
    public static JsonObject document(DocumentRecord d) {
        return toJson(d, Options.DOCUMENT);
    }

    /** @return the Document JSON, fields in Morphik's order */
    public static JsonObject toJson(DocumentRecord d, Options options) {
        JsonObject systemMetadata = systemMetadata(d, options.includeContent());
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("external_id", d.id())
                .add("content_type", d.contentType() == null ? "application/octet-stream" : d.contentType());
        CatalogJson.put(b, "filename", d.filename());
        b.add("metadata", metadata(d))
                .add("metadata_types", metadataTypes(d))
                .add("storage_info", storageInfo(d))
                .add("system_metadata", systemMetadata)
                .add("additional_metadata", CatalogJson.object(d.additionalMetadataJson()))
                .add("chunk_ids", Json.createArrayBuilder(d.chunkIds()));
        CatalogJson.put(b, "folder_name", d.folderPath() == null ? null : FolderPaths.leaf(d.folderPath()));
        CatalogJson.put(b, "folder_path", d.folderPath());
        CatalogJson.put(b, "folder_id", d.folderId());
        CatalogJson.put(b, "end_user_id", d.endUserId());
        CatalogJson.put(b, "app_id", d.appId());
        for (String key : SUMMARY_KEYS) {
            b.add(key, systemMetadata.getOrDefault(key, JsonValue.NULL));
        }
        if (options.derivedPageCount()) {
            b.add("page_count", pageCount(d));
        }
        return b.build();
    }

    /**
     * The derived page count of listings: {@code system_metadata.page_count} when it is a
     * non-negative integer, else the number of chunks.
     */
    public static int pageCount(DocumentRecord d) {
        JsonValue v = CatalogJson.object(d.systemMetadataJson()).get("page_count");
        try {
            if (v instanceof JsonNumber n && n.bigDecimalValue().signum() >= 0) {
                return n.bigDecimalValue().intValueExact();
            }
            if (v instanceof JsonString s) {
                int parsed = Integer.parseInt(s.getString().strip());
                if (parsed >= 0) {
                    return parsed;
                }
            }
        } catch (ArithmeticException | NumberFormatException malformed) {
            // fall back to the chunk count, like Morphik
        }
        return d.chunkIds().size();
    }

    /** @return the Document's {@code additional_metadata} */
    public static JsonObject additionalMetadata(DocumentRecord d) {
        return CatalogJson.object(d.additionalMetadataJson());
    }

    /** @return the document's status: the column, else {@code system_metadata.status}, else {@code unknown} */
    public static String status(DocumentRecord d) {
        if (d.status() != null && !d.status().isBlank()) {
            return d.status();
        }
        JsonValue v = CatalogJson.object(d.systemMetadataJson()).get("status");
        return v instanceof JsonString s && !s.getString().isBlank() ? s.getString() : "unknown";
    }

    /**
     * The body of {@code GET /documents/{id}/status}: {@code document_id, status, filename,
     * created_at, updated_at}, plus {@code progress} while processing (when known) and
     * {@code error} when failed (default {@code "Unknown error"}).
     */
    public static JsonObject statusPayload(DocumentRecord d) {
        String status = status(d);
        // clients poll this: system_metadata (with the full extracted text once completed) is
        // parsed only when progress or an error is to be shown
        JsonObject sm = status.equals("processing") || status.equals("failed")
                ? CatalogJson.object(d.systemMetadataJson()) : JsonValue.EMPTY_JSON_OBJECT;
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("document_id", d.id())
                .add("status", status);
        CatalogJson.put(b, "filename", d.filename());
        CatalogJson.put(b, "created_at", CatalogJson.time(d.createdAt()));
        CatalogJson.put(b, "updated_at", CatalogJson.time(d.updatedAt()));
        if (status.equals("processing") && sm.get("progress") instanceof JsonObject progress) {
            b.add("progress", progress);
        }
        if (status.equals("failed")) {
            JsonValue error = sm.get("error");
            b.add("error", error instanceof JsonString s && !s.getString().isEmpty() ? s : Json.createValue("Unknown error"));
        }
        return b.build();
    }

    /** @return the Document's {@code metadata} as rendered everywhere (external_id and folder path added) */
    public static JsonObject metadata(DocumentRecord d) {
        JsonObjectBuilder b = Json.createObjectBuilder(CatalogJson.object(d.metadataJson()));
        b.add("external_id", d.id());
        // metadata.folder_name carries the full path (HEAD) so metadata filters can target it
        if (d.folderPath() != null) {
            b.add("folder_name", d.folderPath());
        } else {
            b.remove("folder_name");
        }
        return b.build();
    }

    private static JsonObject metadataTypes(DocumentRecord d) {
        JsonObject stored = CatalogJson.object(d.metadataTypesJson());
        JsonObjectBuilder b = Json.createObjectBuilder(stored);
        if (!stored.containsKey("external_id")) {
            b.add("external_id", "string");
        }
        if (d.folderPath() != null && !stored.containsKey("folder_name")) {
            b.add("folder_name", "string");
        } else if (d.folderPath() == null) {
            b.remove("folder_name");
        }
        return b.build();
    }

    /** The SDK models storage_info as {@code Dict[str, str]}: every value becomes a string, nulls are dropped. */
    private static JsonObject storageInfo(DocumentRecord d) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> e : CatalogJson.object(d.storageInfoJson()).entrySet()) {
            JsonValue v = e.getValue();
            switch (v.getValueType()) {
                case NULL -> {
                }
                case STRING -> b.add(e.getKey(), v);
                default -> b.add(e.getKey(), v.toString());
            }
        }
        return b.build();
    }

    private static JsonObject systemMetadata(DocumentRecord d, boolean includeContent) {
        JsonObject stored = CatalogJson.object(d.systemMetadataJson());
        JsonObjectBuilder b = Json.createObjectBuilder(stored);
        SCOPE_KEYS.forEach(b::remove);
        String status = status(d);
        b.add("status", status);
        if (d.createdAt() != null) {
            b.add("created_at", CatalogJson.time(d.createdAt()));
        }
        if (d.updatedAt() != null) {
            b.add("updated_at", CatalogJson.time(d.updatedAt()));
        }
        if (!status.equals("processing")) {
            b.remove("progress");
        }
        if (!includeContent) {
            b.remove("content");
        }
        return b.build();
    }
}
