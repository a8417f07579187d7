package quire.api.http;

import java.io.StringReader;
import java.time.Instant;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import quire.catalog.CatalogException;
import quire.catalog.MetadataTyping;
import quire.catalog.ReservedKeys;
import quire.spi.storage.DocumentRecord;

/**
 * Merges new metadata into a document's (spec §1.7 update routes, §3.3): keys overwrite,
 * explicit nulls are kept (type {@code null}), nothing is deleted, and the server's own keys
 * ({@code external_id}, {@code folder_name}) stay as they are.
 *
 * <p>A reserved key is refused unless its value is the one the document already has: clients
 * commonly send back the metadata they read, which carries the server's keys (HEAD, 2026-05).
 * Such unchanged keys are dropped from the update, together with any type declared for them.
 */
final class MetadataMerge {

    /** The merged maps, as stored. */
    record Merged(String metadataJson, String metadataTypesJson) {
    }

    private MetadataMerge() {
    }

    /**
     * @param existing the document as stored
     * @param metadata the client's new metadata
     * @param declared the client's {@code metadata_types} ({@code {}} when none)
     * @throws CatalogException 400 for a changed reserved key or a value that cannot be coerced
     */
    static Merged merge(DocumentRecord existing, JsonObject metadata, JsonObject declared) {
        JsonObject current = parse(existing.metadataJson());
        JsonObjectBuilder incoming = Json.createObjectBuilder();
        JsonObjectBuilder incomingTypes = Json.createObjectBuilder(declared);
        for (var e : metadata.entrySet()) {
            String key = e.getKey();
            if (ReservedKeys.KEYS.contains(key)) {
                if (!e.getValue().equals(currentValue(existing, current, key))) {
                    ReservedKeys.reject("metadata", Json.createObjectBuilder().add(key, e.getValue()).build());
                }
                incomingTypes.remove(key);
                continue;
            }
            incoming.add(key, e.getValue());
        }
        JsonObject newTypes = incomingTypes.build();
        for (String key : newTypes.keySet()) {
            if (ReservedKeys.KEYS.contains(key)) {
                ReservedKeys.reject("metadata_types", Json.createObjectBuilder().add(key, newTypes.get(key)).build());
            }
        }
        MetadataTyping.Typed typed = MetadataTyping.apply(incoming.build(), newTypes);
        JsonObjectBuilder values = Json.createObjectBuilder(current);
        typed.metadata().forEach(values::add);
        JsonObjectBuilder types = Json.createObjectBuilder(parse(existing.metadataTypesJson()));
        typed.types().forEach(types::add);
        return new Merged(values.build().toString(), types.build().toString());
    }

    /** @return {@code existing} with the merged metadata, touched at {@code now} */
    static DocumentRecord apply(DocumentRecord existing, Merged merged, Instant now) {
        JsonObject system = Json.createObjectBuilder(parse(existing.systemMetadataJson()))
                .add("updated_at", IsoTimes.format(now)).build();
        return new DocumentRecord(existing.id(), existing.ownerId(), existing.appId(), existing.endUserId(),
                existing.folderId(), existing.folderPath(), existing.filename(), existing.contentType(),
                existing.status(), merged.metadataJson(), merged.metadataTypesJson(), system.toString(),
                existing.storageInfoJson(), existing.additionalMetadataJson(), existing.chunkIds(),
                existing.createdAt(), now);
    }

    /** The value a reserved key has on this document, as the client would have read it. */
    private static JsonValue currentValue(DocumentRecord d, JsonObject metadata, String key) {
        if (metadata.containsKey(key)) {
            return metadata.get(key);
        }
        String column = switch (key) {
            case "external_id" -> d.id();
            case "filename" -> d.filename();
            case "folder_name", "folder_path" -> d.folderPath();
            case "folder_id" -> d.folderId();
            case "end_user_id" -> d.endUserId();
            case "app_id" -> d.appId();
            case "owner_id" -> d.ownerId();
            default -> null;
        };
        return column == null ? JsonValue.NULL : Json.createValue(column);
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json == null || json.isBlank() ? "{}" : json))) {
            return reader.readObject();
        }
    }
}
