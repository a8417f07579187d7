package quire.api.http;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.catalog.DocumentView;
import quire.retrieval.ChunkHit;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;

/**
 * Renders retrieval results as Morphik's {@code ChunkResult} and {@code DocumentResult} (spec
 * §2.2) for one response: the parent document's metadata overlaid with the chunk's, always
 * {@code is_image: false} (every Quire chunk is text), the document's {@code content_type} and
 * {@code filename}, and a signed download link to the stored file. Documents are rendered once
 * per response however many of their chunks it carries.
 */
final class ChunkResultJson {
    /** Lifetime of the download links in results: Morphik presigns for an hour. */
    static final long LINK_SECONDS = 3600;

    private final DownloadUrls urls;
    private final String base;
    private final AccessScope scope;
    private final Map<String, JsonObject> documents = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    /**
     * @param urls  signs download links
     * @param base  scheme and authority the client used
     * @param scope the caller's scope, carried by the links
     */
    ChunkResultJson(DownloadUrls urls, String base, AccessScope scope) {
        this.urls = urls;
        this.base = base;
        this.scope = scope;
    }

    /** @return the hit as a ChunkResult */
    JsonObject chunk(ChunkHit hit) {
        return chunk(hit.chunk(), hit.document(), hit.score(), hit.padding());
    }

    /** @return a ChunkResult */
    JsonObject chunk(ChunkRecord c, DocumentRecord d, double score, boolean padding) {
        JsonObjectBuilder metadata = Json.createObjectBuilder(documentMetadata(d));
        parse(c.metadataJson()).forEach(metadata::add);
        metadata.add("is_image", false);
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("content", c.content())
                .add("score", score)
                .add("document_id", d.id())
                .add("chunk_number", c.chunkNumber())
                .add("metadata", metadata)
                .add("content_type", d.contentType());
        addNullable(b, "filename", d.filename());
        addNullable(b, "download_url", link(d));
        return b.add("is_padding", padding).build();
    }

    /**
     * @return the hit's document as a DocumentResult: the best chunk's text for {@code text/plain}
     *         documents, else a link to the file (or the text when no file is stored)
     */
    JsonObject document(ChunkHit best) {
        DocumentRecord d = best.document();
        String link = link(d);
        JsonObjectBuilder content = Json.createObjectBuilder();
        if ("text/plain".equals(d.contentType()) || link == null) {
            content.add("type", "string").add("value", best.chunk().content());
        } else {
            content.add("type", "url").add("value", link).add("filename", d.filename() == null ? d.id() : d.filename());
        }
        return Json.createObjectBuilder()
                .add("score", best.score())
                .add("document_id", d.id())
                .add("metadata", documentMetadata(d))
                .add("content", content)
                .add("additional_metadata", DocumentView.additionalMetadata(d))
                .build();
    }

    private JsonObject documentMetadata(DocumentRecord d) {
        // only the metadata: rendering the whole Document would parse system_metadata and its full text
        return documents.computeIfAbsent(d.id(), id -> DocumentView.metadata(d));
    }

    /** @return a signed link to the stored file, or null when the document names none */
    private String link(DocumentRecord d) {
        return links.computeIfAbsent(d.id(), id -> {
            JsonObject info = parse(d.storageInfoJson());
            if (!(info.get("bucket") instanceof JsonString bucket) || bucket.getString().isBlank()
                    || !(info.get("key") instanceof JsonString key) || key.getString().isBlank()) {
                return null;
            }
            return urls.sign(base, id, scope, LINK_SECONDS);
        });
    }

    private static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            JsonValue v = Json.createReader(new StringReader(json)).readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException malformed) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static void addNullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }
}
