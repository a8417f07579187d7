package quire.spi.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChatRecord;
import quire.spi.storage.ModelConfigRecord;
import quire.spi.storage.StorageUsage;
import quire.spi.storage.UsageQuery;
import quire.spi.storage.UsageRecord;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.ChunkStats;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.FolderRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link StorageBackend} contract. An implementation extends this class and returns a fresh,
 * empty backend from {@link #createBackend()}; every test gets its own and closes it.
 *
 * <p>Timestamps used here have microsecond precision, the precision the contract promises. JSON
 * values are compared without whitespace, and objects with several keys list them in the order
 * PostgreSQL {@code jsonb} normalises to (shorter keys first), since the contract keeps JSON's
 * meaning, not its formatting.
 */
public abstract class BaseStorageBackendTest {
    /** A fixed base time with microseconds, so round trips are exact. */
    protected static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456Z");

    /** Owner A, no app. */
    protected static final AccessScope OWNER_A = new AccessScope("owner-a", null);
    /** Owner B, no app. */
    protected static final AccessScope OWNER_B = new AccessScope("owner-b", null);
    /** Owner A acting under app X. */
    protected static final AccessScope APP_X_AS_A = new AccessScope("owner-a", "app-x");
    /** Owner B acting under app X. */
    protected static final AccessScope APP_X_AS_B = new AccessScope("owner-b", "app-x");
    /** Owner C acting under app Y. */
    protected static final AccessScope APP_Y_AS_C = new AccessScope("owner-c", "app-y");

    private static final String HOSTILE = "O'Brien \"quoted\" '; DROP TABLE documents; -- \\ % _ 日本語 é 🚀";

    /** The backend under test, fresh for each test. */
    protected StorageBackend backend;

    /**
     * @return a new backend over an empty database
     * @throws Exception when it cannot be created
     */
    protected abstract StorageBackend createBackend() throws Exception;

    /** Releases the backend after a test; the default closes it. */
    protected void releaseBackend(StorageBackend backend) throws Exception {
        backend.close();
    }

    /** @return false for databases whose text cannot hold U+0000 (PostgreSQL) */
    protected boolean textStoresNul() {
        return true;
    }

    /** Opens the backend. */
    @BeforeEach
    public void openBackend() throws Exception {
        backend = createBackend();
    }

    /** Closes the backend. */
    @AfterEach
    public void closeBackend() throws Exception {
        if (backend != null) {
            releaseBackend(backend);
        }
    }

    // ---- fixtures ----------------------------------------------------------------------

    /** @return a document in the scope with plausible fields */
    protected static DocumentRecord document(AccessScope scope, String id, String filename, Instant time) {
        return new DocumentRecord(id, scope.ownerId(), scope.appId(), null, null, null, filename, "text/plain",
                "processing", "{\"k\":\"v\",\"num\":1}", "{\"k\":\"string\"}", "{\"status\":\"processing\"}",
                "{\"key\":\"" + id + "\"}", "{}", List.of(), time, time);
    }

    private static DocumentRecord withStatus(DocumentRecord d, String status, List<String> chunkIds, Instant at) {
        return new DocumentRecord(d.id(), d.ownerId(), d.appId(), d.endUserId(), d.folderId(), d.folderPath(),
                d.filename(), d.contentType(), status, d.metadataJson(), d.metadataTypesJson(),
                "{\"status\":\"" + status + "\"}", d.storageInfoJson(), d.additionalMetadataJson(), chunkIds,
                d.createdAt(), at);
    }

    private static DocumentRecord placed(DocumentRecord d, String endUserId, String folderPath) {
        return new DocumentRecord(d.id(), d.ownerId(), d.appId(), endUserId, folderPath == null ? null : "f" + folderPath,
                folderPath, d.filename(), d.contentType(), d.status(), d.metadataJson(), d.metadataTypesJson(),
                d.systemMetadataJson(), d.storageInfoJson(), d.additionalMetadataJson(), d.chunkIds(), d.createdAt(),
                d.updatedAt());
    }

    private static ChunkRecord chunk(String documentId, int number, String content, float... embedding) {
        return new ChunkRecord(documentId, number, content, "{\"page_number\":" + number + "}", embedding, 0);
    }

    private static FolderRecord folder(AccessScope scope, String id, String path, Instant time) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int depth = (int) path.chars().filter(c -> c == '/').count();
        return new FolderRecord(id, scope.ownerId(), scope.appId(), null, name, path, null, depth, "about " + name,
                "{\"created_by\":\"test\"}", time, time);
    }

    private static JobRecord job(String id, String documentId, Instant runAfter) {
        return new JobRecord(id, documentId, "ingest", "queued", 0, runAfter, null, null, "{\"step\":\"parse\"}",
                null, runAfter);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** Removes JSON whitespace outside strings: databases may re-format JSON (PostgreSQL jsonb). */
    protected static String compactJson(String json) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
                inString = c == '"';
            }
        }
        return out.toString();
    }

    private static void assertSameDocument(DocumentRecord expected, DocumentRecord actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.ownerId(), actual.ownerId());
        assertEquals(expected.appId(), actual.appId());
        assertEquals(expected.endUserId(), actual.endUserId());
        assertEquals(expected.folderId(), actual.folderId());
        assertEquals(expected.folderPath(), actual.folderPath());
        assertEquals(expected.filename(), actual.filename());
        assertEquals(expected.contentType(), actual.contentType());
        assertEquals(expected.status(), actual.status());
        assertEquals(compactJson(expected.metadataJson()), compactJson(actual.metadataJson()));
        assertEquals(compactJson(expected.metadataTypesJson()), compactJson(actual.metadataTypesJson()));
        assertEquals(compactJson(expected.systemMetadataJson()), compactJson(actual.systemMetadataJson()));
        assertEquals(compactJson(expected.storageInfoJson()), compactJson(actual.storageInfoJson()));
        assertEquals(compactJson(expected.additionalMetadataJson()), compactJson(actual.additionalMetadataJson()));
        assertEquals(expected.chunkIds(), actual.chunkIds());
        assertEquals(expected.createdAt(), actual.createdAt());
        assertEquals(expected.updatedAt(), actual.updatedAt());
    }

    private List<String> ids(List<DocumentRecord> documents) {
        return documents.stream().map(DocumentRecord::id).toList();
    }

    // ---- basics ------------------------------------------------------------------------

    @Test
    public void reportsSchemaVersionAndPing() {
        assertTrue(backend.schemaVersion() >= 1);
        assertTrue(backend.ping());
        assertNotEquals("", backend.info().id());
    }

    // ---- documents ---------------------------------------------------------------------

    @Test
    public void documentRoundTripsEveryField() {
        DocumentRecord d = new DocumentRecord(id(), "owner-a", null, "end-user-1", "folder-1", "/Reports/2025",
                "report.pdf", "application/pdf", "processing", "{\"pages\":[1,2,3],\"author\":\"Ann\"}",
                "{\"pages\":\"array\"}", "{\"status\":\"processing\",\"progress\":{\"step\":1}}",
                "{\"key\":\"k\",\"bucket\":\"b\"}", "{\"frames\":{}}", List.of("c-1", "c-2"), T0,
                T0.plusSeconds(1));
        backend.insertDocument(d);
        assertSameDocument(d, backend.findDocument(OWNER_A, d.id()).orElseThrow());
    }

    @Test
    public void updateDocumentReplacesMutableFieldsOnly() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        DocumentRecord changed = new DocumentRecord(d.id(), "someone-else", "another-app", "eu", "f1", "/F",
                "b.txt", "text/markdown", "completed", "{\"k\":\"w\"}", "{}", "{\"status\":\"completed\"}", "{}",
                "{\"x\":1}", List.of("c1"), T0.plusSeconds(99), T0.plusSeconds(5));
        assertTrue(backend.updateDocument(OWNER_A, changed));
        DocumentRecord stored = backend.findDocument(OWNER_A, d.id()).orElseThrow();
        DocumentRecord expected = new DocumentRecord(d.id(), d.ownerId(), d.appId(), "eu", "f1", "/F", "b.txt",
                "text/markdown", "completed", "{\"k\":\"w\"}", "{}", "{\"status\":\"completed\"}", "{}", "{\"x\":1}",
                List.of("c1"), d.createdAt(), T0.plusSeconds(5));
        assertSameDocument(expected, stored);
    }

    @Test
    public void updateDocumentIfUnchangedIsACompareAndSetOnUpdatedAt() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        // a time with sub-second digits must round-trip exactly through the database
        Instant read = backend.findDocument(OWNER_A, d.id()).orElseThrow().updatedAt();
        DocumentRecord worker = withStatus(d, "completed", List.of("c1"), T0.plusMillis(1234).plusNanos(567_000));
        assertTrue(backend.updateDocumentIfUnchanged(OWNER_A, worker, read), "unchanged since read: applies");
        Instant afterWorker = backend.findDocument(OWNER_A, d.id()).orElseThrow().updatedAt();
        DocumentRecord stale = withStatus(d, "processing", List.of(), T0.plusSeconds(9));
        assertFalse(backend.updateDocumentIfUnchanged(OWNER_A, stale, read), "changed since read: refused");
        assertEquals("completed", backend.findDocument(OWNER_A, d.id()).orElseThrow().status());
        assertTrue(backend.updateDocumentIfUnchanged(OWNER_A, stale, afterWorker), "re-read: applies");
        assertFalse(backend.updateDocumentIfUnchanged(OWNER_B, stale, T0.plusSeconds(9)), "scope applies");
    }

    @Test
    public void ownerCannotSeeUpdateOrDeleteAnotherOwnersDocuments() {
        DocumentRecord a = document(OWNER_A, id(), "a.txt", T0);
        DocumentRecord b = document(OWNER_B, id(), "b.txt", T0);
        backend.insertDocument(a);
        backend.insertDocument(b);

        assertTrue(backend.findDocument(OWNER_B, a.id()).isEmpty());
        assertFalse(backend.updateDocument(OWNER_B, withStatus(a, "completed", List.of(), T0)));
        assertFalse(backend.deleteDocument(OWNER_B, a.id()));
        assertEquals("processing", backend.findDocument(OWNER_A, a.id()).orElseThrow().status());
        assertEquals(List.of(b.id()), ids(backend.listDocuments(OWNER_B, DocumentQuery.all(100))));
        assertEquals(1, backend.countDocuments(OWNER_B, DocumentQuery.all(100)));
        assertEquals(List.of(a.id()), ids(backend.findDocuments(OWNER_A, List.of(a.id(), b.id()))));
        assertTrue(backend.findDocumentByFilename(OWNER_B, "a.txt", null).isEmpty());
        assertTrue(backend.findDocuments(OWNER_B, List.of(a.id())).isEmpty());
        // other apps see nothing of owner rows
        assertTrue(backend.findDocument(APP_Y_AS_C, a.id()).isEmpty());
    }

    @Test
    public void appScopeSeesEveryRowOfItsAppAndNoOther() {
        DocumentRecord byA = document(APP_X_AS_A, id(), "a.txt", T0);
        DocumentRecord byB = document(APP_X_AS_B, id(), "b.txt", T0.plusSeconds(1));
        DocumentRecord inY = document(APP_Y_AS_C, id(), "c.txt", T0.plusSeconds(2));
        DocumentRecord ownerOnly = document(OWNER_B, id(), "d.txt", T0.plusSeconds(3));
        for (DocumentRecord d : List.of(byA, byB, inY, ownerOnly)) {
            backend.insertDocument(d);
        }
        Set<String> visible = new HashSet<>(ids(backend.listDocuments(APP_X_AS_A, DocumentQuery.all(100))));
        assertEquals(Set.of(byA.id(), byB.id()), visible);
        assertTrue(backend.updateDocument(APP_X_AS_A, withStatus(byB, "completed", List.of(), T0)));
        assertFalse(backend.updateDocument(APP_X_AS_A, withStatus(inY, "completed", List.of(), T0)));
        assertFalse(backend.deleteDocument(APP_X_AS_A, ownerOnly.id()));
        assertTrue(backend.deleteDocument(APP_X_AS_A, byB.id()));
        assertEquals(List.of(inY.id()), ids(backend.listDocuments(APP_Y_AS_C, DocumentQuery.all(100))));
        // Without an app id, a user sees the rows it owns (spec §5.3), also those it created under an app.
        assertEquals(Set.of(byA.id()), new HashSet<>(ids(backend.listDocuments(OWNER_A, DocumentQuery.all(100)))));
    }

    @Test
    public void findDocumentByFilenameReturnsNewestMatchingNarrowing() {
        DocumentRecord older = placed(document(OWNER_A, id(), "same.txt", T0), null, "/A");
        DocumentRecord newer = placed(document(OWNER_A, id(), "same.txt", T0.plusSeconds(10)), null, "/B");
        backend.insertDocument(older);
        backend.insertDocument(newer);
        assertEquals(newer.id(), backend.findDocumentByFilename(OWNER_A, "same.txt", null).orElseThrow().id());
        DocumentQuery inA = new DocumentQuery(null, List.of("/A"), false, null, null, null, 0, 1, null, true);
        assertEquals(older.id(), backend.findDocumentByFilename(OWNER_A, "same.txt", inA).orElseThrow().id());
        assertTrue(backend.findDocumentByFilename(OWNER_A, "other.txt", null).isEmpty());
    }

    @Test
    public void listingSortsPagesAndCounts() {
        List<DocumentRecord> docs = new ArrayList<>();
        String[] names = {"delta.txt", "alpha.txt", "echo.txt", "charlie.txt", "bravo.txt"};
        for (int i = 0; i < names.length; i++) {
            // created ascending with i, updated descending with i
            DocumentRecord d = document(OWNER_A, "doc-" + i + "-" + id(), names[i], T0.plusSeconds(i));
            d = new DocumentRecord(d.id(), d.ownerId(), d.appId(), d.endUserId(), d.folderId(), d.folderPath(),
                    d.filename(), d.contentType(), d.status(), d.metadataJson(), d.metadataTypesJson(),
                    d.systemMetadataJson(), d.storageInfoJson(), d.additionalMetadataJson(), d.chunkIds(),
                    d.createdAt(), T0.plusSeconds(100 - i));
            docs.add(d);
            backend.insertDocument(d);
        }
        List<String> byCreatedAsc = docs.stream().map(DocumentRecord::id).toList();
        assertEquals(byCreatedAsc, ids(backend.listDocuments(OWNER_A, query("created_at", false, 0, 10))));
        List<String> byCreatedDesc = new ArrayList<>(byCreatedAsc);
        Collections.reverse(byCreatedDesc);
        assertEquals(byCreatedDesc, ids(backend.listDocuments(OWNER_A, query("created_at", true, 0, 10))));
        assertEquals(byCreatedAsc, ids(backend.listDocuments(OWNER_A, query("updated_at", true, 0, 10))));
        List<String> byName = docs.stream().sorted((x, y) -> x.filename().compareTo(y.filename()))
                .map(DocumentRecord::id).toList();
        assertEquals(byName, ids(backend.listDocuments(OWNER_A, query("filename", false, 0, 10))));
        List<String> byId = byCreatedAsc.stream().sorted().toList();
        assertEquals(byId, ids(backend.listDocuments(OWNER_A, query("external_id", false, 0, 10))));
        // ids only: the same order, paging and scope as the rows
        assertEquals(byName, backend.listDocumentIds(OWNER_A, query("filename", false, 0, 10)));
        assertEquals(byCreatedDesc.subList(1, 3), backend.listDocumentIds(OWNER_A, query("created_at", true, 1, 2)));
        assertEquals(List.of(), backend.listDocumentIds(OWNER_B, query("created_at", true, 0, 10)));

        List<String> paged = new ArrayList<>();
        for (int skip = 0; skip < 5; skip += 2) {
            paged.addAll(ids(backend.listDocuments(OWNER_A, query("filename", false, skip, 2))));
        }
        assertEquals(byName, paged);
        assertEquals(List.of(), backend.listDocuments(OWNER_A, query("filename", false, 5, 2)));
        assertEquals(List.of(), backend.listDocuments(OWNER_A, query("filename", false, 0, 0)));
        assertEquals(5, backend.countDocuments(OWNER_A, query("filename", false, 3, 1)));
    }

    private static DocumentQuery query(String sortBy, boolean descending, int skip, int limit) {
        return new DocumentQuery(null, null, false, null, null, null, skip, limit, sortBy, descending);
    }

    @Test
    public void listingNarrowsByEndUserFolderFilenameAndStatus() {
        DocumentRecord root = placed(document(OWNER_A, id(), "Quarterly_Report%.pdf", T0), "eu-1", null);
        DocumentRecord reports = placed(document(OWNER_A, id(), "notes.txt", T0.plusSeconds(1)), "eu-1", "/Reports");
        DocumentRecord nested = placed(document(OWNER_A, id(), "q1 report.txt", T0.plusSeconds(2)), "eu-2",
                                       "/Reports/2025");
        DocumentRecord sibling = placed(document(OWNER_A, id(), "other.txt", T0.plusSeconds(3)), "eu-2",
                                        "/ReportsOld");
        for (DocumentRecord d : List.of(root, reports, nested, sibling)) {
            backend.insertDocument(d);
        }
        backend.updateDocument(OWNER_A, withStatus(nested, "completed", List.of(), T0.plusSeconds(2)));

        assertEquals(Set.of(root.id(), reports.id()), narrowed("eu-1", null, false, null, null));
        assertEquals(Set.of(reports.id()), narrowed(null, List.of("/Reports"), false, null, null));
        assertEquals(Set.of(reports.id(), nested.id()), narrowed(null, List.of("/Reports"), true, null, null));
        assertEquals(Set.of(root.id(), sibling.id()),
                     narrowed(null, Arrays.asList(null, "/ReportsOld"), false, null, null));
        assertEquals(Set.of(), narrowed(null, List.of(), false, null, null));
        assertEquals(Set.of(root.id(), nested.id()), narrowed(null, null, false, "REPORT", null));
        // LIKE wildcards in the needle are literal characters
        assertEquals(Set.of(root.id()), narrowed(null, null, false, "_report%", null));
        assertEquals(Set.of(), narrowed(null, null, false, "%%", null));
        assertEquals(Set.of(nested.id()), narrowed(null, null, false, null, "completed"));
        assertEquals(Set.of(nested.id()), narrowed("eu-2", List.of("/Reports"), true, "q1", "completed"));
        assertEquals(1, backend.countDocuments(OWNER_A,
                new DocumentQuery("eu-2", List.of("/Reports"), true, null, null, null, 0, 10, null, true)));
    }

    private Set<String> narrowed(String endUser, List<String> folders, boolean sub, String name, String status) {
        DocumentQuery q = new DocumentQuery(endUser, folders, sub, null, name, status, 0, 100, "created_at", false);
        Set<String> listed = new HashSet<>(ids(backend.listDocuments(OWNER_A, q)));
        assertEquals(listed.size(), backend.countDocuments(OWNER_A, q));
        return listed;
    }

    @Test
    public void hostileStringsAreStoredVerbatim() {
        String nul = textStoresNul() ? "\u0000" : "";
        String name = HOSTILE + nul + ".txt";
        String json = "{\"k\":\"" + HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        DocumentRecord d = new DocumentRecord(id(), "owner '; DROP TABLE documents; --", "app \" ' x", "eu " + HOSTILE,
                null, "/" + HOSTILE, name, "text/plain", "processing", json, "{}", "{}", "{}", "{}",
                List.of(HOSTILE, "\"\\/\n\t"), T0, T0);
        AccessScope hostile = new AccessScope(d.ownerId(), d.appId());
        backend.insertDocument(d);
        assertSameDocument(d, backend.findDocument(hostile, d.id()).orElseThrow());
        assertEquals(d.id(), backend.findDocumentByFilename(hostile, name, null).orElseThrow().id());
        DocumentQuery byFolder = new DocumentQuery(d.endUserId(), List.of(d.folderPath()), true, null,
                "drop table", null, 0, 10, "filename", false);
        assertEquals(List.of(d.id()), ids(backend.listDocuments(hostile, byFolder)));

        String content = "chunk " + HOSTILE + nul + " end";
        assertTrue(backend.replaceChunksAndUpdate(d, List.of(chunk(d.id(), 0, content, 1f))));
        assertEquals(content, backend.chunksOf(d.id()).getFirst().content());
        assertTrue(backend.findDocument(OWNER_A, d.id()).isEmpty());
        assertEquals(1, backend.listDocuments(hostile, DocumentQuery.all(10)).size());
    }

    // ---- chunks ------------------------------------------------------------------------

    @Test
    public void replaceChunksAndUpdateReplacesTheWholeGeneration() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        assertTrue(backend.replaceChunksAndUpdate(withStatus(d, "completed", List.of("0", "1", "2"), T0),
                List.of(chunk(d.id(), 0, "one", 1f, 2f), chunk(d.id(), 1, "two", 3f, 4f),
                        chunk(d.id(), 2, "three", 5f, 6f))));
        assertEquals(List.of("one", "two", "three"), backend.chunksOf(d.id()).stream().map(ChunkRecord::content).toList());

        DocumentRecord second = withStatus(d, "completed", List.of("0", "1"), T0.plusSeconds(1));
        assertTrue(backend.replaceChunksAndUpdate(second, List.of(chunk(d.id(), 0, "uno", 7f, 8f),
                                                                  chunk(d.id(), 1, "dos", 9f, 10f))));
        List<ChunkRecord> chunks = backend.chunksOf(d.id());
        assertEquals(List.of("uno", "dos"), chunks.stream().map(ChunkRecord::content).toList());
        assertArrayEquals(new float[] {9f, 10f}, chunks.get(1).embedding());
        assertEquals(2, backend.chunkStats().count());
        DocumentRecord stored = backend.findDocument(OWNER_A, d.id()).orElseThrow();
        assertEquals("completed", stored.status());
        assertEquals(List.of("0", "1"), stored.chunkIds());
        assertEquals(T0.plusSeconds(1), stored.updatedAt());
    }

    @Test
    public void replaceChunksAndUpdateIfUnchangedIsACompareAndSetOnUpdatedAt() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        Instant read = backend.findDocument(OWNER_A, d.id()).orElseThrow().updatedAt();
        // a client changes the row after the worker read it
        DocumentRecord client = withStatus(d, "processing", List.of(), T0.plusMillis(1500).plusNanos(3000));
        assertTrue(backend.updateDocument(OWNER_A, client));
        DocumentRecord worker = withStatus(d, "completed", List.of("0"), T0.plusSeconds(3));
        assertFalse(backend.replaceChunksAndUpdateIfUnchanged(OWNER_A, worker, List.of(chunk(d.id(), 0, "stale", 1f)), read),
                "changed since read: refused");
        assertEquals(List.of(), backend.chunksOf(d.id()), "a refused write stores no chunk");
        assertEquals("processing", backend.findDocument(OWNER_A, d.id()).orElseThrow().status());
        assertFalse(backend.replaceChunksAndUpdateIfUnchanged(OWNER_B, worker, List.of(chunk(d.id(), 0, "other", 1f)),
                T0.plusMillis(1500).plusNanos(3000)), "scope applies");
        Instant reread = backend.findDocument(OWNER_A, d.id()).orElseThrow().updatedAt();
        assertTrue(backend.replaceChunksAndUpdateIfUnchanged(OWNER_A, worker, List.of(chunk(d.id(), 0, "fresh", 1f)), reread),
                "re-read: applies");
        assertEquals(List.of("fresh"), backend.chunksOf(d.id()).stream().map(ChunkRecord::content).toList());
        assertEquals("completed", backend.findDocument(OWNER_A, d.id()).orElseThrow().status());
        assertTrue(backend.deleteDocument(OWNER_A, d.id()));
        assertFalse(backend.replaceChunksAndUpdateIfUnchanged(OWNER_A, worker, List.of(chunk(d.id(), 0, "gone", 1f)),
                T0.plusSeconds(3)), "deleted: refused");
        assertEquals(List.of(), backend.chunksOf(d.id()));
    }

    @Test
    public void replaceChunksAndCompleteJobDeletesTheJobOnlyWhenItWrites() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        JobRecord job = job(id(), d.id(), T0);
        backend.enqueueJob(job);
        backend.claimJob("w1", T0, Duration.ofMinutes(1)).orElseThrow();
        Instant read = backend.findDocument(OWNER_A, d.id()).orElseThrow().updatedAt();
        DocumentRecord worker = withStatus(d, "completed", List.of("0"), T0.plusSeconds(3));
        assertFalse(backend.replaceChunksAndCompleteJob(OWNER_A, worker, List.of(chunk(d.id(), 0, "stale", 1f)),
                read.plusSeconds(1), job.id()), "changed since read: refused");
        assertEquals(Map.of("running", 1L), backend.jobCounts(), "a refused write keeps the job");
        assertTrue(backend.replaceChunksAndCompleteJob(OWNER_A, worker, List.of(chunk(d.id(), 0, "fresh", 1f)),
                read, job.id()));
        assertEquals("completed", backend.findDocument(OWNER_A, d.id()).orElseThrow().status());
        assertEquals(List.of("fresh"), backend.chunksOf(d.id()).stream().map(ChunkRecord::content).toList());
        assertEquals(List.of(), backend.jobsOfDocument(d.id()), "the job went with the completion");
        assertEquals(Map.of(), backend.jobCounts());
    }

    @Test
    public void replaceChunksOfADeletedDocumentWritesNothing() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        assertTrue(backend.deleteDocument(OWNER_A, d.id()));
        assertFalse(backend.replaceChunksAndUpdate(withStatus(d, "completed", List.of("0"), T0),
                                                   List.of(chunk(d.id(), 0, "orphan", 1f))));
        assertEquals(List.of(), backend.chunksOf(d.id()));
        assertEquals(0, backend.chunkStats().count());
        assertTrue(backend.findDocument(OWNER_A, d.id()).isEmpty());
    }

    @Test
    public void failedReplaceLeavesThePreviousGeneration() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        backend.replaceChunksAndUpdate(withStatus(d, "completed", List.of("0"), T0), List.of(chunk(d.id(), 0, "keep", 1f)));
        // two chunks with the same number violate the (document, chunk number) key: all or nothing
        assertThrows(RuntimeException.class, () -> backend.replaceChunksAndUpdate(
                withStatus(d, "failed", List.of("0", "0"), T0.plusSeconds(1)),
                List.of(chunk(d.id(), 0, "new", 2f), chunk(d.id(), 0, "dup", 3f))));
        assertEquals(List.of("keep"), backend.chunksOf(d.id()).stream().map(ChunkRecord::content).toList());
        assertEquals("completed", backend.findDocument(OWNER_A, d.id()).orElseThrow().status());
    }

    @Test
    public void deleteDocumentRemovesItsChunksAndJobs() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        DocumentRecord other = document(OWNER_A, id(), "b.txt", T0);
        backend.insertDocument(d);
        backend.insertDocument(other);
        backend.replaceChunksAndUpdate(d, List.of(chunk(d.id(), 0, "x", 1f), chunk(d.id(), 1, "y", 2f)));
        backend.replaceChunksAndUpdate(other, List.of(chunk(other.id(), 0, "z", 3f)));
        backend.enqueueJob(job(id(), d.id(), T0));
        assertTrue(backend.deleteDocument(OWNER_A, d.id()));
        assertEquals(List.of(), backend.chunksOf(d.id()));
        assertEquals(List.of(), backend.jobsOfDocument(d.id()));
        assertEquals(1, backend.chunkStats().count());
        assertFalse(backend.deleteDocument(OWNER_A, d.id()));
        assertEquals(1, backend.chunksOf(other.id()).size());
    }

    @Test
    public void forEachChunkStreamsInSequenceOrderWithExactEmbeddings() {
        DocumentRecord a = document(OWNER_A, id(), "a.txt", T0);
        DocumentRecord b = document(OWNER_B, id(), "b.txt", T0);
        backend.insertDocument(a);
        backend.insertDocument(b);
        float[] special = {0f, -0f, 1.5f, -2.25f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f, Float.NaN};
        backend.replaceChunksAndUpdate(a, List.of(chunk(a.id(), 0, "a0", special), chunk(a.id(), 1, "a1", 1f, 2f)));
        long afterA = backend.chunkStats().maxSequence();
        backend.replaceChunksAndUpdate(b, List.of(chunk(b.id(), 0, "b0", 3f, 4f)));

        List<ChunkRecord> seen = new ArrayList<>();
        long last = backend.forEachChunk(0, seen::add);
        assertEquals(List.of("a0", "a1", "b0"), seen.stream().map(ChunkRecord::content).toList());
        assertEquals(backend.chunkStats().maxSequence(), last);
        assertTrue(seen.get(0).sequence() < seen.get(1).sequence() && seen.get(1).sequence() < seen.get(2).sequence());
        assertEquals(Arrays.toString(special), Arrays.toString(seen.get(0).embedding()));
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(seen.get(0).embedding()[i]));
        }
        List<ChunkRecord> later = new ArrayList<>();
        assertEquals(last, backend.forEachChunk(afterA, later::add));
        assertEquals(List.of("b0"), later.stream().map(ChunkRecord::content).toList());
        assertEquals(last, backend.forEachChunk(last, c -> { throw new AssertionError("nothing new"); }));
        assertEquals(3, backend.chunkStats().count());
    }

    @Test
    public void forEachChunkPagesThroughManyChunks() {
        DocumentRecord d = document(OWNER_A, id(), "big.txt", T0);
        backend.insertDocument(d);
        List<ChunkRecord> chunks = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            chunks.add(chunk(d.id(), i, "c" + i, i, -i));
        }
        assertTrue(backend.replaceChunksAndUpdate(d, chunks));
        List<Integer> numbers = new ArrayList<>();
        backend.forEachChunk(0, c -> numbers.add(c.chunkNumber()));
        assertEquals(1234, numbers.size());
        for (int i = 0; i < numbers.size(); i++) {
            assertEquals(i, numbers.get(i));
        }
    }

    @Test
    public void chunksAfterPagesBySequenceWithTextAndEmbeddings() {
        DocumentRecord a = document(OWNER_A, id(), "a.txt", T0);
        DocumentRecord b = document(APP_Y_AS_C, id(), "b.txt", T0);
        backend.insertDocument(a);
        backend.insertDocument(b);
        backend.replaceChunksAndUpdate(a, List.of(chunk(a.id(), 0, "a0", 1f, 2f), chunk(a.id(), 1, "a1", 3f, 4f)));
        backend.replaceChunksAndUpdate(b, List.of(chunk(b.id(), 0, "b0", 5f, 6f)));

        List<ChunkRecord> first = backend.chunksAfter(0, 2);
        assertEquals(List.of("a0", "a1"), first.stream().map(ChunkRecord::content).toList());
        assertEquals(new ChunkKey(a.id(), 1), first.get(1).key());
        assertArrayEquals(new float[] {3f, 4f}, first.get(1).embedding());
        List<ChunkRecord> rest = backend.chunksAfter(first.getLast().sequence(), 2);
        assertEquals(List.of("b0"), rest.stream().map(ChunkRecord::content).toList());
        assertEquals(List.of(), backend.chunksAfter(rest.getLast().sequence(), 2));
        assertThrows(IllegalArgumentException.class, () -> backend.chunksAfter(0, 0));
    }

    @Test
    public void updateEmbeddingsRewritesVectorsOnlyOfTheGenerationRead() {
        DocumentRecord a = document(OWNER_A, id(), "a.txt", T0);
        DocumentRecord b = document(OWNER_B, id(), "b.txt", T0);
        backend.insertDocument(a);
        backend.insertDocument(b);
        backend.replaceChunksAndUpdate(a, List.of(chunk(a.id(), 0, "a0", 1f, 2f), chunk(a.id(), 1, "a1", 3f, 4f)));
        backend.replaceChunksAndUpdate(b, List.of(chunk(b.id(), 0, "b0", 5f, 6f)));
        ChunkStats before = backend.chunkStats();
        List<ChunkRecord> read = backend.chunksAfter(0, 10);

        // document b is re-ingested after the read: its new generation must keep its own vector
        backend.replaceChunksAndUpdate(b, List.of(chunk(b.id(), 0, "b0 new", 7f, 8f)));
        List<ChunkRecord> reembedded = read.stream()
                .map(c -> new ChunkRecord(c.documentId(), c.chunkNumber(), c.content(), c.metadataJson(),
                        new float[] {c.chunkNumber(), 0.5f, -1f}, c.sequence()))
                .toList();
        assertEquals(2, backend.updateEmbeddings(reembedded));

        List<ChunkRecord> chunksOfA = backend.chunksOf(a.id());
        assertArrayEquals(new float[] {0f, 0.5f, -1f}, chunksOfA.get(0).embedding());
        assertArrayEquals(new float[] {1f, 0.5f, -1f}, chunksOfA.get(1).embedding());
        assertEquals(List.of("a0", "a1"), chunksOfA.stream().map(ChunkRecord::content).toList());
        assertEquals(read.get(0).sequence(), chunksOfA.get(0).sequence(), "sequence unchanged");
        assertEquals("{\"page_number\":1}", compactJson(chunksOfA.get(1).metadataJson()));
        assertArrayEquals(new float[] {7f, 8f}, backend.chunksOf(b.id()).getFirst().embedding());
        assertEquals(before.count(), backend.chunkStats().count());
        assertEquals(0, backend.updateEmbeddings(List.of()));
        ChunkRecord noVector = new ChunkRecord(a.id(), 0, "a0", "{}", null, read.get(0).sequence());
        assertThrows(IllegalArgumentException.class, () -> backend.updateEmbeddings(List.of(noVector)));
        assertArrayEquals(new float[] {0f, 0.5f, -1f}, backend.chunksOf(a.id()).get(0).embedding());
    }

    @Test
    public void settingsAreSetReplacedAndRemoved() {
        assertEquals(Optional.empty(), backend.setting("embedding.model"));
        backend.putSetting("embedding.model", "model-a|384");
        backend.putSetting("other", HOSTILE);
        assertEquals(Optional.of("model-a|384"), backend.setting("embedding.model"));
        backend.putSetting("embedding.model", "model-b|64");
        assertEquals(Optional.of("model-b|64"), backend.setting("embedding.model"));
        assertEquals(Optional.of(HOSTILE), backend.setting("other"));
        backend.putSetting("embedding.model", null);
        assertEquals(Optional.empty(), backend.setting("embedding.model"));
        backend.putSetting("embedding.model", null); // removing twice is fine
        assertEquals(Optional.of(HOSTILE), backend.setting("other"));
        assertThrows(IllegalArgumentException.class, () -> backend.putSetting(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> backend.setting(""));
    }

    @Test
    public void findChunksHonoursScope() {
        DocumentRecord a = document(OWNER_A, id(), "a.txt", T0);
        DocumentRecord b = document(OWNER_B, id(), "b.txt", T0);
        backend.insertDocument(a);
        backend.insertDocument(b);
        backend.replaceChunksAndUpdate(a, List.of(chunk(a.id(), 0, "a0", 1f), chunk(a.id(), 1, "a1", 2f)));
        backend.replaceChunksAndUpdate(b, List.of(chunk(b.id(), 0, "b0", 3f)));
        List<ChunkKey> keys = List.of(new ChunkKey(a.id(), 1), new ChunkKey(b.id(), 0), new ChunkKey(a.id(), 7));
        List<ChunkRecord> found = backend.findChunks(OWNER_A, keys);
        assertEquals(1, found.size());
        assertEquals("a1", found.getFirst().content());
        assertEquals("{\"page_number\":1}", compactJson(found.getFirst().metadataJson()));
        assertArrayEquals(new float[] {2f}, found.getFirst().embedding());
        assertEquals(List.of("b0"), backend.findChunks(OWNER_B, keys).stream().map(ChunkRecord::content).toList());
    }

    // ---- folders -----------------------------------------------------------------------

    @Test
    public void foldersCrudWithinScope() {
        FolderRecord reports = folder(OWNER_A, id(), "/Reports", T0);
        FolderRecord nested = folder(OWNER_A, id(), "/Reports/2025", T0.plusSeconds(1));
        FolderRecord theirs = folder(OWNER_B, id(), "/Reports", T0);
        backend.insertFolder(reports);
        backend.insertFolder(nested);
        backend.insertFolder(theirs); // same path, other owner: allowed

        assertEquals(reports, normalise(backend.findFolderById(OWNER_A, reports.id()).orElseThrow()));
        assertEquals(nested.id(), backend.findFolderByPath(OWNER_A, "/Reports/2025").orElseThrow().id());
        assertEquals(theirs.id(), backend.findFolderByPath(OWNER_B, "/Reports").orElseThrow().id());
        assertTrue(backend.findFolderById(OWNER_B, reports.id()).isEmpty());
        assertEquals(List.of(reports.id(), nested.id()),
                     backend.listFolders(OWNER_A).stream().map(FolderRecord::id).toList());

        FolderRecord renamed = new FolderRecord(reports.id(), "ignored", "ignored", "eu", "Archive", "/Archive", null, 1,
                "moved", "{\"moved\":true}", T0.plusSeconds(50), T0.plusSeconds(9));
        assertFalse(backend.updateFolder(OWNER_B, renamed));
        assertTrue(backend.updateFolder(OWNER_A, renamed));
        FolderRecord stored = backend.findFolderById(OWNER_A, reports.id()).orElseThrow();
        assertEquals("/Archive", stored.fullPath());
        assertEquals("Archive", stored.name());
        assertEquals("eu", stored.endUserId());
        assertEquals("owner-a", stored.ownerId());
        assertEquals(T0, stored.createdAt());
        assertEquals(T0.plusSeconds(9), stored.updatedAt());

        assertFalse(backend.deleteFolder(OWNER_B, reports.id()));
        assertTrue(backend.deleteFolder(OWNER_A, reports.id()));
        assertTrue(backend.findFolderById(OWNER_A, reports.id()).isEmpty());
        assertEquals(1, backend.listFolders(OWNER_B).size());
    }

    @Test
    public void folderPathIsUniqueWithinAScope() {
        backend.insertFolder(folder(OWNER_A, id(), "/Dup", T0));
        assertThrows(RuntimeException.class, () -> backend.insertFolder(folder(OWNER_A, id(), "/Dup", T0)));
        backend.insertFolder(folder(APP_X_AS_A, id(), "/Dup", T0));
        assertThrows(RuntimeException.class, () -> backend.insertFolder(folder(APP_X_AS_B, id(), "/Dup", T0)));
        assertEquals(1, backend.listFolders(APP_X_AS_B).size());
    }

    private static FolderRecord normalise(FolderRecord f) {
        return new FolderRecord(f.id(), f.ownerId(), f.appId(), f.endUserId(), f.name(), f.fullPath(), f.parentId(),
                f.depth(), f.description(), compactJson(f.systemMetadataJson()), f.createdAt(), f.updatedAt());
    }

    // ---- jobs --------------------------------------------------------------------------

    @Test
    public void jobLifecycle() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        JobRecord queued = job(id(), d.id(), T0);
        backend.enqueueJob(queued);
        assertEquals(Map.of("queued", 1L), backend.jobCounts());

        assertTrue(backend.claimJob("w1", T0.minusSeconds(1), Duration.ofMinutes(1)).isEmpty(), "not due yet");
        JobRecord claimed = backend.claimJob("w1", T0, Duration.ofMinutes(1)).orElseThrow();
        assertEquals(queued.id(), claimed.id());
        assertEquals("running", claimed.state());
        assertEquals(1, claimed.attempts());
        assertEquals("w1", claimed.workerId());
        assertEquals(T0.plus(Duration.ofMinutes(1)), claimed.leaseUntil());
        assertEquals(d.id(), claimed.documentId());
        assertEquals("ingest", claimed.kind());
        assertEquals("{\"step\":\"parse\"}", compactJson(claimed.payloadJson()));
        assertTrue(backend.claimJob("w2", T0.plusSeconds(30), Duration.ofMinutes(1)).isEmpty(), "held by w1");

        assertFalse(backend.renewJobLease(queued.id(), "w2", T0.plusSeconds(120)));
        assertTrue(backend.renewJobLease(queued.id(), "w1", T0.plusSeconds(120)));
        assertTrue(backend.claimJob("w2", T0.plusSeconds(90), Duration.ofMinutes(1)).isEmpty(), "lease renewed");

        backend.retryJob(queued.id(), T0.plusSeconds(300), "parser timeout");
        JobRecord retried = backend.jobsOfDocument(d.id()).getFirst();
        assertEquals("queued", retried.state());
        assertEquals("parser timeout", retried.lastError());
        assertEquals(T0.plusSeconds(300), retried.runAfter());
        assertTrue(backend.claimJob("w2", T0.plusSeconds(299), Duration.ofMinutes(1)).isEmpty(), "backoff");
        JobRecord again = backend.claimJob("w2", T0.plusSeconds(300), Duration.ofMinutes(1)).orElseThrow();
        assertEquals(2, again.attempts());
        assertEquals("w2", again.workerId());

        backend.failJob(queued.id(), "gave up");
        assertEquals(Map.of("failed", 1L), backend.jobCounts());
        assertTrue(backend.claimJob("w3", T0.plusSeconds(10_000), Duration.ofMinutes(1)).isEmpty(), "failed stays");
        assertEquals("gave up", backend.jobsOfDocument(d.id()).getFirst().lastError());

        backend.completeJob(queued.id());
        assertEquals(List.of(), backend.jobsOfDocument(d.id()));
        assertEquals(Map.of(), backend.jobCounts());
    }

    @Test
    public void expiredLeaseIsReclaimed() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        backend.enqueueJob(job(id(), d.id(), T0));
        JobRecord first = backend.claimJob("dead-worker", T0, Duration.ofSeconds(10)).orElseThrow();
        assertTrue(backend.claimJob("w2", T0.plusSeconds(9), Duration.ofSeconds(10)).isEmpty());
        JobRecord reclaimed = backend.claimJob("w2", T0.plusSeconds(10), Duration.ofSeconds(10)).orElseThrow();
        assertEquals(first.id(), reclaimed.id());
        assertEquals(2, reclaimed.attempts());
        assertEquals("w2", reclaimed.workerId());
        assertFalse(backend.renewJobLease(first.id(), "dead-worker", T0.plusSeconds(60)), "old holder lost it");
    }

    @Test
    public void claimsOldestDueJobFirst() {
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        backend.enqueueJob(job("late", d.id(), T0.plusSeconds(5)));
        backend.enqueueJob(job("early", d.id(), T0));
        assertEquals("early", backend.claimJob("w", T0.plusSeconds(10), Duration.ofMinutes(1)).orElseThrow().id());
        assertEquals("late", backend.claimJob("w", T0.plusSeconds(10), Duration.ofMinutes(1)).orElseThrow().id());
    }

    @Test
    public void enqueueForAMissingDocumentFails() {
        assertThrows(RuntimeException.class, () -> backend.enqueueJob(job(id(), "no-such-document", T0)));
        assertEquals(Map.of(), backend.jobCounts());
    }

    @Test
    public void concurrentClaimsTakeEachJobExactlyOnce() throws Exception {
        int jobs = 40;
        int workers = 4;
        DocumentRecord d = document(OWNER_A, id(), "a.txt", T0);
        backend.insertDocument(d);
        for (int i = 0; i < jobs; i++) {
            backend.enqueueJob(job("job-" + i, d.id(), T0));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String worker = "worker-" + w;
                Callable<List<String>> claimAll = () -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    Optional<JobRecord> claimed;
                    while ((claimed = backend.claimJob(worker, T0.plusSeconds(1), Duration.ofHours(1))).isPresent()) {
                        assertEquals(worker, claimed.get().workerId());
                        mine.add(claimed.get().id());
                    }
                    return mine;
                };
                results.add(pool.submit(claimAll));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get());
            }
            assertEquals(jobs, all.size(), "every job claimed once: " + all);
            assertEquals(jobs, new HashSet<>(all).size(), "no job claimed twice");
            assertEquals(Map.of("running", (long) jobs), backend.jobCounts());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- chats, usage records, model configurations -------------------------------------

    private static String message(String role, String content) {
        return "{\"role\":\"" + role + "\",\"content\":\"" + content.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}";
    }

    @Test
    public void chatMessagesAreAppendedInOrderWithinTheScope() {
        String chat = id();
        assertEquals(Optional.empty(), backend.findChat(OWNER_A, chat));
        assertTrue(backend.appendChatMessages(OWNER_A, chat, List.of(message("user", HOSTILE), message("assistant", "a1")),
                "First title", T0));
        assertTrue(backend.appendChatMessages(OWNER_A, chat, List.of(message("user", "q2")), "Ignored", T0.plusSeconds(5)));
        ChatRecord read = backend.findChat(OWNER_A, chat).orElseThrow();
        assertEquals(compactJson("[" + message("user", HOSTILE) + "," + message("assistant", "a1") + ","
                + message("user", "q2") + "]"), compactJson(read.historyJson()));
        assertEquals("First title", read.title());
        assertEquals("owner-a", read.ownerId());
        assertEquals(null, read.appId());
        assertEquals(T0, read.createdAt());
        assertEquals(T0.plusSeconds(5), read.updatedAt());

        // another owner neither sees it nor can write into it
        assertEquals(Optional.empty(), backend.findChat(OWNER_B, chat));
        assertFalse(backend.appendChatMessages(OWNER_B, chat, List.of(message("user", "intruder")), "x", T0));
        assertFalse(backend.updateChatTitle(OWNER_B, chat, "stolen", T0));
        assertEquals(read, backend.findChat(OWNER_A, chat).orElseThrow());
        assertEquals(List.of(), backend.listChats(OWNER_B, 10));

        // an app's conversation is seen by every user of the app, and by its creator without the app
        String appChat = id();
        assertTrue(backend.appendChatMessages(APP_X_AS_A, appChat, List.of(message("user", "hi")), null, T0));
        assertTrue(backend.appendChatMessages(APP_X_AS_B, appChat, List.of(message("assistant", "hello")), null, T0));
        ChatRecord shared = backend.findChat(APP_X_AS_B, appChat).orElseThrow();
        assertEquals("app-x", shared.appId());
        assertEquals(null, shared.title());
        assertEquals(compactJson("[" + message("user", "hi") + "," + message("assistant", "hello") + "]"),
                compactJson(shared.historyJson()));
        assertTrue(backend.findChat(OWNER_A, appChat).isPresent());
        assertEquals(Optional.empty(), backend.findChat(APP_Y_AS_C, appChat));
        assertThrows(IllegalArgumentException.class, () -> backend.appendChatMessages(OWNER_A, id(), List.of(" "), null, T0));
    }

    @Test
    public void chatsAreListedMostRecentFirstAndRetitled() {
        String older = id();
        String newer = id();
        String newest = id();
        backend.appendChatMessages(OWNER_A, older, List.of(message("user", "1")), "one", T0);
        backend.appendChatMessages(OWNER_A, newer, List.of(message("user", "2")), "two", T0.plusSeconds(1));
        backend.appendChatMessages(OWNER_A, newest, List.of(message("user", "3")), "three", T0.plusSeconds(2));
        assertEquals(List.of(newest, newer, older), backend.listChats(OWNER_A, 10).stream().map(ChatRecord::id).toList());
        assertEquals(List.of(newest), backend.listChats(OWNER_A, 1).stream().map(ChatRecord::id).toList());
        assertTrue(backend.updateChatTitle(OWNER_A, older, HOSTILE, T0.plusSeconds(3)));
        List<ChatRecord> listed = backend.listChats(OWNER_A, 10);
        assertEquals(older, listed.get(0).id());
        assertEquals(HOSTILE, listed.get(0).title());
        assertFalse(backend.updateChatTitle(OWNER_A, id(), "none", T0));
        assertThrows(IllegalArgumentException.class, () -> backend.listChats(OWNER_A, 0));
    }

    @Test
    public void concurrentChatAppendsLoseNoMessage() throws Exception {
        String chat = id();
        int writers = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    boolean all = true;
                    for (int i = 0; i < each; i++) {
                        all &= backend.appendChatMessages(OWNER_A, chat, List.of(message("user", writer + "-" + i)),
                                "t", Instant.now());
                    }
                    return all;
                }));
            }
            start.countDown();
            for (Future<Boolean> f : done) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String history = compactJson(backend.findChat(OWNER_A, chat).orElseThrow().historyJson());
        for (int w = 0; w < writers; w++) {
            int last = -1;
            for (int i = 0; i < each; i++) {
                int at = history.indexOf(message("user", w + "-" + i));
                assertTrue(at > last, "message " + w + "-" + i + " missing or out of order");
                last = at;
            }
        }
        assertEquals(writers * each, history.split("\"role\"").length - 1);
    }

    private static UsageRecord usage(AccessScope scope, String op, long tokens, String status, Instant at) {
        return new UsageRecord(id(), at, op, tokens, scope.ownerId(), scope.appId(), 12.5, status,
                "{\"path\":\"/x\"}", UsageRecord.ERROR.equals(status) ? HOSTILE : null);
    }

    @Test
    public void usageRecordsAreFilteredScopedAndSummed() {
        UsageRecord a1 = usage(OWNER_A, "ingest_text", 10, UsageRecord.SUCCESS, T0);
        UsageRecord a2 = usage(OWNER_A, "ingest_text", 5, UsageRecord.ERROR, T0.plusSeconds(1));
        UsageRecord a3 = usage(OWNER_A, "list_folders", 0, UsageRecord.SUCCESS, T0.plusSeconds(2));
        UsageRecord b1 = usage(OWNER_B, "ingest_text", 100, UsageRecord.SUCCESS, T0);
        UsageRecord x1 = usage(APP_X_AS_B, "query", 7, UsageRecord.SUCCESS, T0.plusSeconds(3));
        backend.insertUsageRecords(List.of(a1, a2, a3, b1, x1));
        backend.insertUsageRecords(List.of());

        assertEquals(List.of(a3, a2, a1), backend.listUsageRecords(OWNER_A, UsageQuery.all(10)).stream()
                .map(r -> new UsageRecord(r.id(), r.timestamp(), r.operationType(), r.tokensUsed(), r.userId(),
                        r.appId(), r.durationMs(), r.status(), compactJson(r.metadataJson()), r.error())).toList());
        assertEquals(List.of(a3.id()), usageIds(backend.listUsageRecords(OWNER_A, UsageQuery.all(1))));
        assertEquals(List.of(a2.id()), usageIds(backend.listUsageRecords(OWNER_A,
                new UsageQuery("ingest_text", UsageRecord.ERROR, null, 10))));
        assertEquals(List.of(a3.id(), a2.id()), usageIds(backend.listUsageRecords(OWNER_A,
                new UsageQuery(null, null, T0.plusSeconds(1), 10))));
        assertEquals(Map.of("ingest_text", 15L, "list_folders", 0L), backend.usageTokensByOperation(OWNER_A, UsageQuery.all(1)));
        assertEquals(List.of("ingest_text", "list_folders"),
                List.copyOf(backend.usageTokensByOperation(OWNER_A, UsageQuery.all(1)).keySet()));
        assertEquals(Map.of("ingest_text", 10L), backend.usageTokensByOperation(OWNER_A,
                new UsageQuery("ingest_text", UsageRecord.SUCCESS, null, 1)));
        // owner-b without an app also owns what it recorded under app-x
        assertEquals(Map.of("ingest_text", 100L, "query", 7L), backend.usageTokensByOperation(OWNER_B, UsageQuery.all(1)));
        // the app sees its records whoever made them; a user without the app sees the rows they own
        assertEquals(List.of(x1.id()), usageIds(backend.listUsageRecords(APP_X_AS_A, UsageQuery.all(10))));
        assertEquals(List.of(x1.id(), b1.id()), usageIds(backend.listUsageRecords(OWNER_B, UsageQuery.all(10))));
        assertEquals(List.of(), backend.listUsageRecords(APP_Y_AS_C, UsageQuery.all(10)));
        assertEquals(Map.of(), backend.usageTokensByOperation(APP_Y_AS_C, UsageQuery.all(1)));
        assertThrows(IllegalArgumentException.class, () -> UsageQuery.all(0));
    }

    @Test
    public void aFailedUsageBatchWritesNothing() {
        UsageRecord first = usage(OWNER_A, "ingest_text", 1, UsageRecord.SUCCESS, T0);
        UsageRecord clash = usage(OWNER_A, "ingest_text", 2, UsageRecord.SUCCESS, T0);
        UsageRecord duplicate = new UsageRecord(first.id(), T0, "x", 0, "owner-a", null, 1, UsageRecord.SUCCESS, null, null);
        assertThrows(RuntimeException.class, () -> backend.insertUsageRecords(List.of(first, clash, duplicate)));
        assertEquals(List.of(), backend.listUsageRecords(OWNER_A, UsageQuery.all(10)));
    }

    private static List<String> usageIds(List<UsageRecord> records) {
        return records.stream().map(UsageRecord::id).toList();
    }

    @Test
    public void storageUsageCountsTheScopesDocumentsAndChunks() {
        DocumentRecord a = withStorageSize(document(APP_X_AS_A, id(), "a.txt", T0), "\"1200\"");
        DocumentRecord b = withStorageSize(document(APP_X_AS_B, id(), "b.txt", T0), "300");
        DocumentRecord odd = withStorageSize(document(APP_X_AS_B, id(), "c.txt", T0), "\"12kB\"");
        DocumentRecord other = withStorageSize(document(OWNER_B, id(), "d.txt", T0), "\"999\"");
        for (DocumentRecord d : List.of(a, b, odd, other)) {
            backend.insertDocument(d);
        }
        backend.replaceChunksAndUpdate(a, List.of(chunk(a.id(), 0, "abc"), chunk(a.id(), 1, "é")));
        backend.replaceChunksAndUpdate(other, List.of(chunk(other.id(), 0, "zzzzzzzz")));
        assertEquals(new StorageUsage(3, 1500, 5), backend.storageUsage(APP_X_AS_A));
        assertEquals(new StorageUsage(0, 0, 0), backend.storageUsage(APP_Y_AS_C));
        // owner-b without an app owns b and odd (made under app-x) and other
        assertEquals(new StorageUsage(3, 1299, 8), backend.storageUsage(OWNER_B));
    }

    private static DocumentRecord withStorageSize(DocumentRecord d, String sizeJson) {
        return new DocumentRecord(d.id(), d.ownerId(), d.appId(), d.endUserId(), d.folderId(), d.folderPath(),
                d.filename(), d.contentType(), d.status(), d.metadataJson(), d.metadataTypesJson(),
                d.systemMetadataJson(), "{\"size\":" + sizeJson + "}", d.additionalMetadataJson(), d.chunkIds(),
                d.createdAt(), d.updatedAt());
    }

    @Test
    public void modelConfigsCrudWithinScope() {
        ModelConfigRecord openai = new ModelConfigRecord(id(), "owner-a", "app-x", "openai",
                "{\"apiKey\":\"" + HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", T0, T0);
        ModelConfigRecord custom = new ModelConfigRecord(id(), "owner-b", "app-x", "custom", "{\"models\":[]}",
                T0.plusSeconds(1), T0.plusSeconds(1));
        ModelConfigRecord mine = new ModelConfigRecord(id(), "owner-a", null, "openai", null, T0.plusSeconds(2),
                T0.plusSeconds(2));
        backend.insertModelConfig(openai);
        backend.insertModelConfig(custom);
        backend.insertModelConfig(mine);

        assertEquals(List.of(openai.id(), custom.id()),
                backend.listModelConfigs(APP_X_AS_B, null).stream().map(ModelConfigRecord::id).toList());
        assertEquals(List.of(custom.id()),
                backend.listModelConfigs(APP_X_AS_A, "custom").stream().map(ModelConfigRecord::id).toList());
        assertEquals(List.of(openai.id(), mine.id()),
                backend.listModelConfigs(OWNER_A, "openai").stream().map(ModelConfigRecord::id).toList());
        ModelConfigRecord read = backend.findModelConfig(APP_X_AS_B, openai.id()).orElseThrow();
        assertEquals(compactJson(openai.configDataJson()), compactJson(read.configDataJson()));
        assertEquals("{}", backend.findModelConfig(OWNER_A, mine.id()).orElseThrow().configDataJson());
        assertEquals(Optional.empty(), backend.findModelConfig(APP_Y_AS_C, openai.id()));
        assertEquals(Optional.empty(), backend.findModelConfig(OWNER_B, mine.id()));

        // compare and set: the second writer that read the same version loses
        assertTrue(backend.updateModelConfig(APP_X_AS_A, custom.id(), "{\"models\":[1]}", T0.plusSeconds(2), custom.updatedAt()));
        assertFalse(backend.updateModelConfig(APP_X_AS_B, custom.id(), "{\"models\":[2]}", T0.plusSeconds(3), custom.updatedAt()));
        ModelConfigRecord updated = backend.findModelConfig(APP_X_AS_A, custom.id()).orElseThrow();
        assertEquals("{\"models\":[1]}", compactJson(updated.configDataJson()));
        assertEquals(T0.plusSeconds(2), updated.updatedAt());
        assertEquals(T0.plusSeconds(1), updated.createdAt());
        assertTrue(backend.updateModelConfig(APP_X_AS_B, custom.id(), "{\"models\":[3]}", T0.plusSeconds(4), null));
        assertFalse(backend.updateModelConfig(APP_Y_AS_C, custom.id(), "{}", T0, null));

        assertFalse(backend.deleteModelConfig(OWNER_B, mine.id()));
        assertTrue(backend.deleteModelConfig(OWNER_A, mine.id()));
        assertFalse(backend.deleteModelConfig(OWNER_A, mine.id()));
        assertEquals(List.of(openai.id()),
                backend.listModelConfigs(OWNER_A, null).stream().map(ModelConfigRecord::id).toList());
    }
}
