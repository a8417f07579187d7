package quire.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;

/**
 * The set of documents one listing request selects, with the paging and aggregates the listing
 * needs, answered by the storage backend (list and count queries; the metadata filter travels in
 * {@link DocumentQuery#filter()}).
 */
abstract sealed class DocumentRows {
    /** Rows fetched per storage call when scanning. */
    static final int SCAN_PAGE = 500;
    /** Most rows an in-memory narrowing may scan before the request is refused. */
    static final int MAX_SCAN = 50_000;
    /** Most per-folder count queries before folder counts are computed by one scan instead. */
    static final int MAX_FOLDER_QUERIES = 200;
    /** The statuses the ingestion pipeline writes. */
    static final List<String> STATUSES = List.of("processing", "completed", "failed");

    /** @return the page in the request's order */
    abstract List<DocumentRecord> page(int skip, int limit);

    /** @return how many rows match */
    abstract long count();

    /** @return status → count, only statuses that occur; empty or missing status is {@code unknown} */
    abstract Map<String, Long> countByStatus();

    /** @return folder path → count (null key: no folder), nulls first then by path */
    abstract Map<String, Long> countByFolder();

    static DocumentRows of(StorageBackend storage, FolderService folders, AccessScope scope, DocumentQuery base,
                           FolderSelection selection, DocumentFilter filter) {
        DocumentQuery filtered = new DocumentQuery(base.endUserId(), base.folderPaths(), base.includeSubfolders(),
                filter.node(), base.filenameContains(), base.status(), base.skip(), base.limit(), base.sortBy(),
                base.descending());
        return new StorageRows(storage, folders, scope, filtered, selection);
    }

    static String statusKey(DocumentRecord d) {
        return DocumentView.status(d);
    }

    static Map<String, Long> groupByStatus(Iterable<DocumentRecord> docs) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (DocumentRecord d : docs) {
            out.merge(statusKey(d), 1L, Long::sum);
        }
        return out;
    }

    static Map<String, Long> groupByFolder(Iterable<DocumentRecord> docs) {
        long unfoldered = 0;
        Map<String, Long> byPath = new TreeMap<>();
        for (DocumentRecord d : docs) {
            if (d.folderPath() == null) {
                unfoldered++;
            } else {
                byPath.merge(d.folderPath(), 1L, Long::sum);
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        if (unfoldered > 0) {
            out.put(null, unfoldered);
        }
        out.putAll(byPath);
        return out;
    }

    static DocumentQuery copy(DocumentQuery q, List<String> folderPaths, boolean includeSubfolders, String filenameContains,
                              String status, int skip, int limit, String sortBy, boolean descending) {
        return new DocumentQuery(q.endUserId(), folderPaths, includeSubfolders, q.filter(), filenameContains, status,
                skip, limit, sortBy, descending);
    }

    /** Answered by count and list queries against the backend. */
    static final class StorageRows extends DocumentRows {
        private final StorageBackend storage;
        private final FolderService folders;
        private final AccessScope scope;
        private final DocumentQuery base;
        private final FolderSelection selection;

        StorageRows(StorageBackend storage, FolderService folders, AccessScope scope, DocumentQuery base,
                    FolderSelection selection) {
            this.storage = storage;
            this.folders = folders;
            this.scope = scope;
            this.base = base;
            this.selection = selection;
        }

        @Override
        List<DocumentRecord> page(int skip, int limit) {
            return storage.listDocuments(scope, copy(base, base.folderPaths(), base.includeSubfolders(),
                    base.filenameContains(), base.status(), skip, limit, base.sortBy(), base.descending()));
        }

        @Override
        long count() {
            return storage.countDocuments(scope, base);
        }

        @Override
        Map<String, Long> countByStatus() {
            long total = count();
            Map<String, Long> out = new LinkedHashMap<>();
            if (base.status() != null) {
                if (total > 0) {
                    out.put(base.status(), total);
                }
                return out;
            }
            long sum = 0;
            for (String status : STATUSES) {
                long n = storage.countDocuments(scope, copy(base, base.folderPaths(), base.includeSubfolders(),
                        base.filenameContains(), status, 0, 0, base.sortBy(), base.descending()));
                if (n > 0) {
                    out.put(status, n);
                }
                sum += n;
            }
            // other raw values (or none) exist: only a scan can group them exactly
            return sum == total ? out : groupByStatus(scan());
        }

        @Override
        Map<String, Long> countByFolder() {
            List<String> candidates = new ArrayList<>();
            if (selection.admits(null)) {
                candidates.add(null);
            }
            folders.list(scope).stream().map(f -> f.fullPath()).filter(selection::admits).sorted()
                    .forEach(candidates::add);
            if (candidates.size() > MAX_FOLDER_QUERIES) {
                return groupByFolder(scan());
            }
            Map<String, Long> out = new LinkedHashMap<>();
            long sum = 0;
            for (String path : candidates) {
                long n = storage.countDocuments(scope, copy(base, Arrays.asList(path), false, base.filenameContains(),
                        base.status(), 0, 0, base.sortBy(), base.descending()));
                if (n > 0) {
                    out.put(path, n);
                }
                sum += n;
            }
            // documents in a path without a folder row would be missed: fall back to an exact scan
            return sum == count() ? out : groupByFolder(scan());
        }

        /** @return every matching row, scanned in a stable order (external id) so offsets neither skip nor repeat */
        List<DocumentRecord> scan() {
            List<DocumentRecord> all = new ArrayList<>();
            for (int skip = 0; ; skip += SCAN_PAGE) {
                List<DocumentRecord> page = storage.listDocuments(scope, copy(base, base.folderPaths(),
                        base.includeSubfolders(), base.filenameContains(), base.status(), skip, SCAN_PAGE,
                        "external_id", false));
                all.addAll(page);
                if (all.size() > MAX_SCAN) {
                    throw CatalogException.badRequest("This listing would scan more than " + MAX_SCAN
                            + " documents; narrow it with folder_name or end_user_id.");
                }
                if (page.size() < SCAN_PAGE) {
                    return all;
                }
            }
        }

        DocumentQuery base() {
            return base;
        }
    }
}
