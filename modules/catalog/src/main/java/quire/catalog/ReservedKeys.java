package quire.catalog;

import java.util.Set;

import jakarta.json.JsonObject;

/** Metadata keys the server manages (spec §1.4); clients may not set them. */
public final class ReservedKeys {
    /** The reserved keys. */
    public static final Set<String> KEYS = Set.of("folder_name", "folder_id", "folder_path", "external_id", "filename",
            "app_id", "owner_id", "end_user_id");

    private ReservedKeys() {
    }

    /**
     * @param where    {@code metadata} or {@code metadata_types}
     * @param object   what the client sent
     * @throws CatalogException 400 naming the first reserved key found
     */
    public static void reject(String where, JsonObject object) {
        for (String key : object.keySet()) {
            if (key.equals("folder_path")) {
                throw CatalogException.badRequest("'folder_path' in " + where
                        + " is managed by the server; use the folder_name parameter to place a document in a folder.");
            }
            if (KEYS.contains(key)) {
                throw CatalogException.badRequest("The " + where + " key '" + key
                        + "' is managed by Morphik and cannot be set during ingest or update.");
            }
        }
    }
}
