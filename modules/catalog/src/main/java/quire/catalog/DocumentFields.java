package quire.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The {@code fields} projection of {@code list_docs} and folder details (spec §1.7): dot paths
 * such as {@code metadata.author}; {@code external_id} is always kept; the HEAD aliases
 * {@code status, error, created_at, updated_at, progress, version} mean
 * {@code system_metadata.<alias>}; paths that do not exist in a document are left out of it
 * (no error, as in Morphik).
 */
public final class DocumentFields {
    /** Aliases for system metadata keys. */
    public static final List<String> ALIASES = List.of("status", "error", "created_at", "updated_at", "progress",
            "version");

    private DocumentFields() {
    }

    /**
     * @param fields the client's field list (null or empty: everything)
     * @return the trimmed, non-blank paths with aliases expanded, in the client's order; empty for "everything"
     */
    public static List<String> normalize(List<String> fields) {
        List<String> out = new ArrayList<>();
        if (fields == null) {
            return out;
        }
        for (String f : fields) {
            if (f == null || f.strip().isEmpty()) {
                continue;
            }
            String path = f.strip();
            if (ALIASES.contains(path)) {
                path = "system_metadata." + path;
            }
            if (!out.contains(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * @param document a rendered document (see {@link DocumentView})
     * @param fields   the client's field list; null or empty returns the document unchanged
     * @return the projection: each found path at its nested place, plus {@code external_id}
     */
    public static JsonObject project(JsonObject document, List<String> fields) {
        List<String> paths = normalize(fields);
        if (paths.isEmpty()) {
            return document;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String path : paths) {
            String[] parts = path.split("\\.", -1);
            JsonValue value = lookup(document, parts);
            if (value != null) {
                place(tree, parts, value);
            }
        }
        if (!tree.containsKey("external_id") && document.containsKey("external_id")) {
            tree.put("external_id", document.get("external_id"));
        }
        return build(tree);
    }

    private static JsonValue lookup(JsonObject document, String[] parts) {
        JsonValue current = document;
        for (String part : parts) {
            if (!(current instanceof JsonObject o) || !o.containsKey(part)) {
                return null;
            }
            current = o.get(part);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> tree, String[] parts, JsonValue value) {
        Map<String, Object> current = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            Map<String, Object> child;
            if (next instanceof JsonObject whole) {
                // a whole object placed earlier (e.g. "metadata" before "metadata.author") stays whole
                child = new LinkedHashMap<>(whole);
                current.put(parts[i], child);
            } else if (next instanceof Map<?, ?> m) {
                child = (Map<String, Object>) m;
            } else {
                child = new LinkedHashMap<>();
                current.put(parts[i], child);
            }
            current = child;
        }
        current.put(parts[parts.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject build(Map<String, Object> tree) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (e.getValue() instanceof JsonValue v) {
                b.add(e.getKey(), v);
            } else if (e.getValue() instanceof Map<?, ?> m) {
                b.add(e.getKey(), build((Map<String, Object>) m));
            }
        }
        return b.build();
    }
}
