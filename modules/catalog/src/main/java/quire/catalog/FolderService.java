package quire.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;
import quire.spi.storage.StorageBackend;

/**
 * Folders as a tree of canonical paths (spec §1.8, §4.9). A document belongs to at most one
 * folder; its {@code folder_id}/{@code folder_path} columns and {@code metadata.folder_name} say which.
 */
public final class FolderService {
    /** Deletes one document fully (row, chunks, blobs, index entries). */
    @FunctionalInterface
    public interface DocumentDeleter {
        boolean delete(AccessScope scope, String documentId) throws Exception;
    }

    private static final int PAGE = 1000;

    private final StorageBackend storage;
    private final Clock clock;

    public FolderService(StorageBackend storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Returns the folder at this path, creating it and every missing ancestor.
     *
     * @throws CatalogException 400 for an invalid path or the root
     */
    public FolderRecord ensure(AccessScope scope, String endUserId, String nameOrPath, String description) {
        List<String> segments = FolderPaths.segments(nameOrPath);
        if (segments.isEmpty()) {
            throw CatalogException.badRequest("Root folder cannot be created");
        }
        FolderRecord parent = null;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            path.append('/').append(segments.get(i));
            String p = path.toString();
            boolean leaf = i == segments.size() - 1;
            Optional<FolderRecord> found = storage.findFolderByPath(scope, p);
            if (found.isPresent()) {
                parent = found.get();
                continue;
            }
            Instant now = clock.instant();
            FolderRecord f = new FolderRecord(UUID.randomUUID().toString(), scope.ownerId(), scope.appId(), endUserId,
                    segments.get(i), p, parent == null ? null : parent.id(), i + 1, leaf ? description : null,
                    "{}", now, now);
            try {
                storage.insertFolder(f);
                parent = f;
            } catch (RuntimeException e) {
                // another request created it first: use theirs
                parent = storage.findFolderByPath(scope, p).orElseThrow(() -> e);
            }
        }
        return parent;
    }

    /**
     * Resolves {@code {folder_id_or_name}} the HEAD way: canonical path, then id, then bare name.
     *
     * @throws CatalogException 404 {@code Folder <x> not found}
     */
    public FolderRecord resolve(AccessScope scope, String idOrName) {
        return find(scope, idOrName).orElseThrow(() -> CatalogException.notFound("Folder " + idOrName + " not found"));
    }

    /** @return the folder, if visible */
    public Optional<FolderRecord> find(AccessScope scope, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        try {
            List<String> segments = FolderPaths.segments(idOrName);
            if (!segments.isEmpty()) {
                Optional<FolderRecord> byPath = storage.findFolderByPath(scope, "/" + String.join("/", segments));
                if (byPath.isPresent()) {
                    return byPath;
                }
            }
        } catch (CatalogException invalidPath) {
            // not a path; may still be an id
        }
        Optional<FolderRecord> byId = storage.findFolderById(scope, idOrName);
        if (byId.isPresent()) {
            return byId;
        }
        return storage.listFolders(scope).stream()
                .filter(f -> f.name().equals(idOrName))
                .min(Comparator.comparing(FolderRecord::depth).thenComparing(FolderRecord::createdAt));
    }

    /** @return every visible folder, by path */
    public List<FolderRecord> list(AccessScope scope) {
        List<FolderRecord> all = new ArrayList<>(storage.listFolders(scope));
        all.sort(Comparator.comparing(FolderRecord::fullPath));
        return all;
    }

    /** @return descendant folders of {@code folder} (not itself) */
    public List<FolderRecord> descendants(AccessScope scope, FolderRecord folder) {
        return list(scope).stream()
                .filter(f -> !f.id().equals(folder.id()) && FolderPaths.isSelfOrDescendant(f.fullPath(), folder.fullPath()))
                .toList();
    }

    /** @return ids of the documents directly in the folder */
    public List<String> documentIds(AccessScope scope, FolderRecord folder) {
        List<String> ids = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            List<DocumentRecord> page = storage.listDocuments(scope, inFolder(folder.fullPath(), skip));
            page.forEach(d -> ids.add(d.id()));
            if (page.size() < PAGE) {
                return ids;
            }
        }
    }

    /** @return how many documents are directly in the folder */
    public long documentCount(AccessScope scope, FolderRecord folder) {
        return storage.countDocuments(scope, inFolder(folder.fullPath(), 0));
    }

    private static DocumentQuery inFolder(String path, int skip) {
        return new DocumentQuery(null, List.of(path), false, null, null, null, skip, PAGE, "created_at", false);
    }

    /**
     * Deletes a folder and every document in it; with {@code recursive}, descendants first.
     *
     * @return the ids of documents that could not be deleted (empty on full success)
     * @throws CatalogException 400 when it has descendants and {@code recursive} is false
     */
    public List<String> delete(AccessScope scope, FolderRecord folder, boolean recursive, DocumentDeleter deleter) {
        List<FolderRecord> below = descendants(scope, folder);
        if (!below.isEmpty() && !recursive) {
            throw CatalogException.badRequest("Folder " + folder.fullPath()
                    + " has sub-folders; pass recursive=true to delete them too");
        }
        List<FolderRecord> order = new ArrayList<>(below);
        order.sort(Comparator.comparing(FolderRecord::depth).reversed());
        order.add(folder);
        List<String> failed = new ArrayList<>();
        for (FolderRecord f : order) {
            List<String> failedHere = new ArrayList<>();
            for (String id : documentIds(scope, f)) {
                try {
                    if (!deleter.delete(scope, id)) {
                        failedHere.add(id);
                    }
                } catch (Exception e) {
                    failedHere.add(id);
                }
            }
            if (failedHere.isEmpty()) {
                storage.deleteFolder(scope, f.id());
            }
            failed.addAll(failedHere);
        }
        return failed;
    }

    /**
     * Puts a document in a folder (moving it out of any other).
     *
     * @throws CatalogException 404 when the document is not visible
     */
    public DocumentRecord addDocument(AccessScope scope, FolderRecord folder, String documentId) {
        DocumentRecord doc = storage.findDocument(scope, documentId)
                .orElseThrow(() -> CatalogException.notFound("Document " + documentId + " not found"));
        return placeDocument(scope, doc, folder);
    }

    /** Takes a document out of its folder; 404 when it is not visible or not in this folder. */
    public DocumentRecord removeDocument(AccessScope scope, FolderRecord folder, String documentId) {
        DocumentRecord doc = storage.findDocument(scope, documentId)
                .orElseThrow(() -> CatalogException.notFound("Document " + documentId + " not found"));
        if (!folder.id().equals(doc.folderId()) && !folder.fullPath().equals(doc.folderPath())) {
            throw CatalogException.notFound("Document " + documentId + " is not in folder " + folder.fullPath());
        }
        return placeDocument(scope, doc, null);
    }

    /**
     * Moves or renames a folder; descendants and contained documents follow.
     *
     * @throws CatalogException 400 when the target exists, is invalid or lies inside the folder
     */
    public FolderRecord move(AccessScope scope, FolderRecord folder, String newPath) {
        String target = FolderPaths.canonical(newPath);
        if (target.equals(folder.fullPath())) {
            return folder;
        }
        if (FolderPaths.isSelfOrDescendant(target, folder.fullPath())) {
            throw CatalogException.badRequest("Cannot move folder " + folder.fullPath() + " inside itself");
        }
        if (storage.findFolderByPath(scope, target).isPresent()) {
            throw CatalogException.badRequest("A folder already exists at " + target);
        }
        String parentPath = FolderPaths.parent(target);
        FolderRecord parent = parentPath == null ? null : ensure(scope, folder.endUserId(), parentPath, null);
        String oldPath = folder.fullPath();
        List<FolderRecord> subtree = new ArrayList<>(descendants(scope, folder));
        subtree.add(0, folder);
        FolderRecord moved = null;
        for (FolderRecord f : subtree) {
            String p = target + f.fullPath().substring(oldPath.length());
            boolean self = f.id().equals(folder.id());
            FolderRecord updated = new FolderRecord(f.id(), f.ownerId(), f.appId(), f.endUserId(), FolderPaths.leaf(p), p,
                    self ? (parent == null ? null : parent.id()) : f.parentId(), FolderPaths.depth(p), f.description(),
                    f.systemMetadataJson(), f.createdAt(), clock.instant());
            storage.updateFolder(scope, updated);
            for (String id : documentIds(scope, f)) {
                storage.findDocument(scope, id).ifPresent(d -> placeDocument(scope, d, updated));
            }
            if (self) {
                moved = updated;
            }
        }
        return moved;
    }

    /** Compare-and-set with re-reads: an ingestion worker may complete the document meanwhile. */
    private DocumentRecord placeDocument(AccessScope scope, DocumentRecord read, FolderRecord folder) {
        DocumentRecord d = read;
        for (int attempt = 0; attempt < 20; attempt++) {
            DocumentRecord updated = placed(d, folder);
            if (storage.updateDocumentIfUnchanged(scope, updated, d.updatedAt())) {
                return updated;
            }
            d = storage.findDocument(scope, d.id())
                    .orElseThrow(() -> CatalogException.notFound("Document " + read.id() + " not found"));
        }
        throw new CatalogException(409, "Document " + read.id() + " kept changing while it was moved; try again");
    }

    private DocumentRecord placed(DocumentRecord d, FolderRecord folder) {
        String metadata = folder == null
                ? quire.json.Json.createObjectBuilder(parse(d.metadataJson())).remove("folder_name").build().toString()
                : quire.json.Json.createObjectBuilder(parse(d.metadataJson())).add("folder_name", folder.fullPath()).build().toString();
        DocumentRecord updated = new DocumentRecord(d.id(), d.ownerId(), d.appId(), d.endUserId(),
                folder == null ? null : folder.id(), folder == null ? null : folder.fullPath(), d.filename(),
                d.contentType(), d.status(), metadata, d.metadataTypesJson(), d.systemMetadataJson(), d.storageInfoJson(),
                d.additionalMetadataJson(), d.chunkIds(), d.createdAt(), clock.instant());
        return updated;
    }

    private static jakarta.json.JsonObject parse(String json) {
        try (jakarta.json.JsonReader r = quire.json.Json.createReader(new java.io.StringReader(json))) {
            return r.readObject();
        }
    }
}
