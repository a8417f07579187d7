package quire.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.FolderRecord;

/**
 * Folders as Morphik JSON (spec §2.5, HEAD shape): {@code Folder} and {@code FolderSummary}.
 * The pure methods take what the row does not hold (document ids, child count, doc count); the
 * methods taking a {@link FolderService} look those up.
 */
public final class FolderView {
    private static final String[] SUMMARY_KEYS = {"summary_storage_key", "summary_version", "summary_bucket",
            "summary_updated_at"};

    private FolderView() {
    }

    /**
     * @param f           the folder
     * @param documentIds ids of the documents directly in it
     * @param childCount  number of direct child folders
     * @return {@code {id, name, description, document_ids, system_metadata {created_at, updated_at, ...},
     *         app_id, end_user_id, full_path, parent_id, depth, child_count, summary_*}}
     */
    public static JsonObject folder(FolderRecord f, List<String> documentIds, int childCount) {
        JsonObject stored = CatalogJson.object(f.systemMetadataJson());
        JsonObjectBuilder sm = Json.createObjectBuilder(stored);
        if (f.createdAt() != null) {
            sm.add("created_at", CatalogJson.time(f.createdAt()));
        }
        if (f.updatedAt() != null) {
            sm.add("updated_at", CatalogJson.time(f.updatedAt()));
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", f.id()).add("name", f.name());
        CatalogJson.put(b, "description", f.description());
        b.add("document_ids", Json.createArrayBuilder(documentIds)).add("system_metadata", sm);
        CatalogJson.put(b, "app_id", f.appId());
        CatalogJson.put(b, "end_user_id", f.endUserId());
        CatalogJson.put(b, "full_path", f.fullPath());
        CatalogJson.put(b, "parent_id", f.parentId());
        b.add("depth", f.depth()).add("child_count", childCount);
        for (String key : SUMMARY_KEYS) {
            b.add(key, stored.getOrDefault(key, JsonValue.NULL));
        }
        return b.build();
    }

    /** @return {@code {id, name, full_path, depth, description, doc_count, updated_at}} */
    public static JsonObject summary(FolderRecord f, long docCount) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", f.id()).add("name", f.name());
        CatalogJson.put(b, "full_path", f.fullPath());
        b.add("depth", f.depth());
        CatalogJson.put(b, "description", f.description());
        b.add("doc_count", docCount);
        CatalogJson.put(b, "updated_at", CatalogJson.time(f.updatedAt()));
        return b.build();
    }

    /** @return folder id → number of direct children, for folders that have any */
    public static Map<String, Integer> childCounts(Collection<FolderRecord> all) {
        Map<String, Integer> out = new HashMap<>();
        for (FolderRecord f : all) {
            if (f.parentId() != null) {
                out.merge(f.parentId(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** @return the Folder JSON with its document ids and child count looked up */
    public static JsonObject folder(FolderService folders, AccessScope scope, FolderRecord f) {
        return folders(folders, scope, List.of(f)).getFirst();
    }

    /** @return Folder JSON for each folder, in the given order (one folder listing for all child counts) */
    public static List<JsonObject> folders(FolderService folders, AccessScope scope, List<FolderRecord> which) {
        Map<String, Integer> children = childCounts(folders.list(scope));
        List<JsonObject> out = new ArrayList<>(which.size());
        for (FolderRecord f : which) {
            out.add(folder(f, folders.documentIds(scope, f), children.getOrDefault(f.id(), 0)));
        }
        return out;
    }

    /** @return {@code GET /folders/summary}: every visible folder by path, with its direct document count */
    public static List<JsonObject> summaries(FolderService folders, AccessScope scope) {
        List<JsonObject> out = new ArrayList<>();
        for (FolderRecord f : folders.list(scope)) {
            out.add(summary(f, folders.documentCount(scope, f)));
        }
        return out;
    }
}
