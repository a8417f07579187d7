package quire.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.FolderRecord;

/**
 * The folder narrowing of a request: the {@code folder_name} selectors (repeatable; the literal
 * {@code "null"} in any case means "documents with no folder"; a list is OR-ed) combined with
 * {@code folder_depth} (spec §4.9: null or 0 exact path, -1 the path and all descendants,
 * {@code n > 0} descendants up to n extra levels).
 *
 * @param paths             canonical folder paths to match, an entry {@code null} meaning "no folder";
 *                          null when nothing is narrowed (no selector given)
 * @param includeSubfolders true to match documents anywhere below {@code paths} too (depth -1)
 */
public record FolderSelection(List<String> paths, boolean includeSubfolders) {
    /** No folder narrowing. */
    public static final FolderSelection ANY = new FolderSelection(null, false);

    public FolderSelection {
        paths = paths == null ? null : Collections.unmodifiableList(new ArrayList<>(paths));
    }

    /**
     * @param folders     the folder tree (only consulted for {@code depth > 0})
     * @param scope       who asks
     * @param folderNames the {@code folder_name} values (null or empty: no narrowing)
     * @param depth       {@code folder_depth} or null
     * @throws CatalogException 400 for an invalid path, the root, or a depth below -1
     */
    public static FolderSelection resolve(FolderService folders, AccessScope scope, List<String> folderNames,
                                          Integer depth) {
        int d = depth == null ? 0 : depth;
        if (d < -1) {
            throw CatalogException.badRequest("folder_depth must be -1 (all descendants), 0 (exact folder) "
                    + "or a positive number of levels; got " + d);
        }
        if (folderNames == null || folderNames.isEmpty()) {
            return ANY;
        }
        List<String> selectors = new ArrayList<>();
        for (String name : folderNames) {
            String path = selector(name);
            if (!selectors.contains(path)) {
                selectors.add(path);
            }
        }
        if (d == -1) {
            return new FolderSelection(selectors, true);
        }
        if (d == 0) {
            return new FolderSelection(selectors, false);
        }
        List<String> expanded = new ArrayList<>(selectors);
        List<FolderRecord> all = folders.list(scope);
        for (String selector : selectors) {
            if (selector == null) {
                continue;
            }
            int base = FolderPaths.depth(selector);
            for (FolderRecord f : all) {
                if (FolderPaths.isSelfOrDescendant(f.fullPath(), selector)
                        && FolderPaths.depth(f.fullPath()) - base <= d && !expanded.contains(f.fullPath())) {
                    expanded.add(f.fullPath());
                }
            }
        }
        return new FolderSelection(expanded, false);
    }

    /**
     * @param endUserId the {@code end_user_id} narrowing or null
     * @return a query narrowing to this selection (newest update first, one row), e.g. for
     *         {@link quire.spi.storage.StorageBackend#findDocumentByFilename}
     */
    public DocumentQuery narrowing(String endUserId) {
        return new DocumentQuery(endUserId == null || endUserId.isEmpty() ? null : endUserId, paths, includeSubfolders,
                null, null, null, 0, 1, "updated_at", true);
    }

    /** @return true when a document in this folder (null: no folder) is selected */
    public boolean admits(String folderPath) {
        if (paths == null) {
            return true;
        }
        if (paths.contains(folderPath)) {
            return true;
        }
        if (!includeSubfolders || folderPath == null) {
            return false;
        }
        for (String p : paths) {
            if (p != null && FolderPaths.isSelfOrDescendant(folderPath, p)) {
                return true;
            }
        }
        return false;
    }

    private static String selector(String name) {
        if (name == null || name.strip().toLowerCase(Locale.ROOT).equals("null")) {
            return null;
        }
        List<String> segments = FolderPaths.segments(name);
        if (segments.isEmpty()) {
            throw CatalogException.badRequest("folder_name '/' is the root, which is not a folder; "
                    + "omit folder_name to list every document, or pass \"null\" for documents without a folder");
        }
        return "/" + String.join("/", segments);
    }
}
