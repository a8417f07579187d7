package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import quire.spi.storage.AccessScope;

class DocumentListingTest {
    private static final AccessScope OWNER = new AccessScope("owner-a", null);

    private TestingStorageBackend storage;
    private FolderService folders;
    private DocumentListing listing;

    @BeforeEach
    void setUp() {
        storage = new TestingStorageBackend();
        folders = new FolderService(storage, Clock.fixed(TestingDocuments.T0, ZoneOffset.UTC));
        listing = new DocumentListing(storage, folders);
        folders.ensure(OWNER, null, "/A/B/C", null);
        folders.ensure(OWNER, null, "/Other", null);
        // updated_at descends with the number, created_at ascends
        add(TestingDocuments.doc("d1").folder("/A").filename("alpha.txt").status("completed").created(1).updated(10)
                .metadata("{\"k\":1}").chunks("c1", "c2"));
        add(TestingDocuments.doc("d2").folder("/A/B").filename("bravo.txt").status("processing").created(2).updated(9));
        add(TestingDocuments.doc("d3").folder("/A/B/C").filename("charlie.txt").status("failed").created(3).updated(8));
        add(TestingDocuments.doc("d4").filename("delta.txt").status("completed").endUser("eu-1").created(4).updated(7));
        add(TestingDocuments.doc("d5").folder("/Other").filename("Echo.txt").status("completed").endUser("eu-1")
                .created(5).updated(6));
        add(TestingDocuments.doc("x1").owner("owner-b", null).filename("alpha.txt").folder("/A"));
    }

    private void add(TestingDocuments d) {
        storage.insertDocument(d.build());
    }

    private static ListDocsRequest.Builder req() {
        return ListDocsRequest.builder();
    }

    private ListDocsResult list(ListDocsRequest.Builder b) {
        return listing.list(OWNER, b.build());
    }

    private static List<String> ids(ListDocsResult r) {
        return r.documents().stream().map(d -> d.getString("external_id")).toList();
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void defaultsListEverythingVisibleNewestUpdateFirstWithoutAggregates() {
        ListDocsResult r = list(req());
        assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), ids(r));
        JsonObject body = r.toJson();
        assertEquals(List.of("documents", "skip", "limit", "returned_count", "total_count", "has_more", "next_skip",
                "status_counts", "folder_counts"), List.copyOf(body.keySet()));
        assertEquals(0, body.getInt("skip"));
        assertEquals(100, body.getInt("limit"));
        assertEquals(5, body.getInt("returned_count"));
        assertFalse(body.getBoolean("has_more"));
        for (String absent : List.of("total_count", "next_skip", "status_counts", "folder_counts")) {
            assertEquals(JsonValue.NULL, body.get(absent), absent);
        }
        JsonObject first = body.getJsonArray("documents").getJsonObject(0);
        assertEquals(2, first.getInt("page_count"), "listed documents carry the derived page_count");
        assertEquals("alpha.txt", first.getString("filename"));
        assertEquals("A", first.getString("folder_name"));
    }

    @Test
    void pagingWithoutTotalUsesOneExtraRow() {
        ListDocsResult page1 = list(req().limit(2));
        assertEquals(List.of("d1", "d2"), ids(page1));
        assertTrue(page1.hasMore());
        assertEquals(2, page1.nextSkip());
        assertNull(page1.totalCount());
        ListDocsResult page3 = list(req().limit(2).skip(4));
        assertEquals(List.of("d5"), ids(page3));
        assertFalse(page3.hasMore());
        assertNull(page3.nextSkip());
        ListDocsResult exact = list(req().limit(5));
        assertFalse(exact.hasMore(), "exactly limit rows left: no more");
        ListDocsResult beyond = list(req().skip(9));
        assertEquals(List.of(), ids(beyond));
        assertFalse(beyond.hasMore());
    }

    @Test
    void pagingWithTotal() {
        ListDocsResult mid = list(req().limit(2).skip(2).includeTotalCount(true));
        assertEquals(List.of("d3", "d4"), ids(mid));
        assertEquals(5L, mid.totalCount());
        assertTrue(mid.hasMore());
        assertEquals(4, mid.nextSkip());
        ListDocsResult last = list(req().limit(2).skip(4).includeTotalCount(true));
        assertFalse(last.hasMore());
        assertNull(last.nextSkip());
        assertEquals(5, last.toJson().getInt("total_count"));
    }

    @Test
    void limitZeroOrNoDocumentsGivesAggregatesOnly() {
        for (ListDocsRequest.Builder b : List.of(req().limit(0), req().returnDocuments(false))) {
            ListDocsResult r = list(b.includeTotalCount(true).includeStatusCounts(true));
            assertEquals(List.of(), ids(r));
            assertEquals(0, r.returnedCount());
            assertEquals(5L, r.totalCount());
            assertTrue(r.hasMore(), "Morphik: skip < total when no page is fetched");
            assertNull(r.nextSkip());
            assertEquals(5L, r.statusCounts().values().stream().mapToLong(Long::longValue).sum());
        }
        assertFalse(list(req().limit(0).skip(5).includeTotalCount(true)).hasMore());
        assertFalse(list(req().limit(0)).hasMore(), "without a total nothing is known");
    }

    @Test
    void sortVariants() {
        assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), ids(list(req().sortBy("created_at").sortDirection("asc"))));
        assertEquals(List.of("d5", "d4", "d3", "d2", "d1"), ids(list(req().sortBy("CREATED_AT"))));
        assertEquals(List.of("d5", "d4", "d3", "d2", "d1"), ids(list(req().sortDirection("asc"))));
        assertEquals(List.of("d5", "d1", "d2", "d3", "d4"), ids(list(req().sortBy("filename").sortDirection("asc"))),
                "binary order: upper case first");
        assertEquals(List.of("d5", "d4", "d3", "d2", "d1"), ids(list(req().sortBy("external_id"))));
        assertEquals("asc", req().sortDirection(" ASC ").build().sortDirection());
        add(TestingDocuments.doc("d0").filename(null).folder("/Other"));
        assertEquals(List.of("d4", "d3", "d2", "d1", "d5", "d0"), ids(list(req().sortBy("filename"))),
                "no filename sorts last in both directions");
    }

    @Test
    void statusCounts() {
        assertEquals(Map.of("processing", 1L, "completed", 3L, "failed", 1L),
                list(req().includeStatusCounts(true)).statusCounts());
        assertEquals(Map.of("completed", 1L), list(req().includeStatusCounts(true).folderNames(List.of("/A")))
                .statusCounts());
        assertEquals(Map.of(), list(req().includeStatusCounts(true).endUserId("nobody")).statusCounts());
        JsonObject body = list(req().includeStatusCounts(true).endUserId("nobody")).toJson();
        assertEquals(json("{}"), body.getJsonObject("status_counts"));
    }

    @Test
    void statusCountsGroupOddAndMissingStatusesExactly() {
        add(TestingDocuments.doc("q1").status("queued").system("{}"));
        add(TestingDocuments.doc("n1").status(null).system("{}"));
        Map<String, Long> counts = list(req().includeStatusCounts(true)).statusCounts();
        assertEquals(Map.of("processing", 1L, "completed", 3L, "failed", 1L, "queued", 1L, "unknown", 1L), counts);
    }

    @Test
    void completedOnlyNarrowsDocumentsAndCounts() {
        ListDocsResult r = list(req().completedOnly(true).includeTotalCount(true).includeStatusCounts(true)
                .includeFolderCounts(true));
        assertEquals(List.of("d1", "d4", "d5"), ids(r));
        assertEquals(3L, r.totalCount());
        assertEquals(Map.of("completed", 3L), r.statusCounts());
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put(null, 1L);
        expected.put("/A", 1L);
        expected.put("/Other", 1L);
        assertEquals(expected, r.folderCounts());
    }

    @Test
    void folderCountsNullsFirstThenByPath() {
        ListDocsResult r = list(req().includeFolderCounts(true));
        assertEquals(Arrays.asList(null, "/A", "/A/B", "/A/B/C", "/Other"), new ArrayList<>(r.folderCounts().keySet()));
        JsonArray array = r.toJson().getJsonArray("folder_counts");
        assertEquals(json("{\"folder\":null,\"count\":1}"), array.getJsonObject(0));
        assertEquals(json("{\"folder\":\"/A/B\",\"count\":1}"), array.getJsonObject(2));
        Map<String, Long> subtree = list(req().includeFolderCounts(true).folderNames(List.of("/A")).folderDepth(-1))
                .folderCounts();
        assertEquals(List.of("/A", "/A/B", "/A/B/C"), List.copyOf(subtree.keySet()));
    }

    @Test
    void folderCountsAreNullWhenNothingMatches() {
        ListDocsResult r = list(req().includeFolderCounts(true).endUserId("nobody"));
        assertNull(r.folderCounts());
        assertEquals(JsonValue.NULL, r.toJson().get("folder_counts"));
    }

    @Test
    void folderCountsIncludeDocumentsInPathsWithoutAFolderRow() {
        add(TestingDocuments.doc("g1").folder("/Ghost").status("completed"));
        Map<String, Long> counts = list(req().includeFolderCounts(true)).folderCounts();
        assertEquals(1L, counts.get("/Ghost"));
        assertEquals(6L, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void folderDepthVariants() {
        assertEquals(List.of("d1"), ids(list(req().folderNames(List.of("/A")))));
        assertEquals(List.of("d1"), ids(list(req().folderNames(List.of("/A")).folderDepth(0))));
        assertEquals(List.of("d1", "d2", "d3"), ids(list(req().folderNames(List.of("/A")).folderDepth(-1))));
        assertEquals(List.of("d1", "d2"), ids(list(req().folderNames(List.of("/A")).folderDepth(1))));
        assertEquals(List.of("d1", "d2", "d3"), ids(list(req().folderNames(List.of("/A")).folderDepth(2))));
        assertEquals(List.of("d2", "d3"), ids(list(req().folderNames(List.of("/A/B")).folderDepth(5))));
    }

    @Test
    void folderSelectorsAcceptNamesPathsNullAndLists() {
        assertEquals(List.of("d1"), ids(list(req().folderNames(List.of("A")))));
        assertEquals(List.of("d2"), ids(list(req().folderNames(List.of(" A // B/ ")))));
        assertEquals(List.of("d4"), ids(list(req().folderNames(List.of("null")))));
        assertEquals(List.of("d4", "d5"), ids(list(req().folderNames(List.of("NULL", "/Other")))));
        assertEquals(List.of("d1", "d2", "d3", "d4"), ids(list(req().folderNames(List.of("Null", "/A"))
                .folderDepth(-1))));
        assertEquals(List.of(), ids(list(req().folderNames(List.of("/Missing")))));
    }

    @Test
    void endUserNarrows() {
        assertEquals(List.of("d4", "d5"), ids(list(req().endUserId("eu-1"))));
        assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), ids(list(req().endUserId(""))));
    }

    @Test
    void otherScopesStayInvisible() {
        ListDocsResult r = listing.list(new AccessScope("owner-b", null), req().includeTotalCount(true).build());
        assertEquals(List.of("x1"), ids(r));
        assertEquals(1L, r.totalCount());
    }

    @Test
    void filenameFilterIsExactAndCaseSensitive() {
        add(TestingDocuments.doc("d6").filename("old-bravo.txt").updated(11));
        add(TestingDocuments.doc("d7").filename("bravo.txt").folder("/Other").updated(1));
        ListDocsResult r = list(req().documentFilters(json("{\"filename\":\"bravo.txt\"}")).includeTotalCount(true)
                .includeStatusCounts(true).includeFolderCounts(true));
        assertEquals(List.of("d2", "d7"), ids(r));
        assertEquals(2L, r.totalCount());
        assertEquals(Map.of("processing", 1L, "completed", 1L), r.statusCounts());
        assertEquals(List.of("/A/B", "/Other"), List.copyOf(r.folderCounts().keySet()));
        ListDocsResult paged = list(req().documentFilters(json("{\"filename\":\"bravo.txt\"}")).limit(1).skip(1));
        assertEquals(List.of("d7"), ids(paged));
        assertFalse(paged.hasMore());
        assertEquals(List.of(), ids(list(req().documentFilters(json("{\"filename\":\"BRAVO.txt\"}")))));
        assertEquals(List.of("d7"), ids(list(req().documentFilters(json("{\"filename\":\"bravo.txt\"}"))
                .folderNames(List.of("/Other")))));
    }

    @Test
    void emptyFiltersAreNoFilters() {
        assertEquals(5, list(req().documentFilters(json("{}"))).returnedCount());
        assertEquals(5, list(req().documentFilters(JsonValue.NULL)).returnedCount());
    }

    @Test
    void metadataFiltersNarrowListingsCountsAndAggregates() {
        add(TestingDocuments.doc("m1").filename("m1.pdf").status("completed").updated(20)
                .metadata("{\"author\":\"Ada\",\"tags\":[\"urgent\",\"q1\"],\"score\":42}")
                .types("{\"author\":\"string\",\"tags\":\"array\",\"score\":\"number\"}"));
        add(TestingDocuments.doc("m2").filename("m2.txt").status("failed").updated(21)
                .metadata("{\"author\":\"Grace\",\"score\":7}").types("{\"score\":\"number\"}"));
        assertEquals(List.of("m1"), ids(list(req().documentFilters(json("{\"author\":\"Ada\"}")))));
        assertEquals(List.of("m1"), ids(list(req().documentFilters(json("{\"tags\":\"urgent\"}")))));
        assertEquals(List.of("m2", "m1"), ids(list(req().documentFilters(json("{\"score\":{\"$gte\":5}}")))));
        ListDocsResult r = list(req().documentFilters(json("{\"$or\":[{\"author\":\"Grace\"},{\"filename\":"
                + "{\"$contains\":\".PDF\"}}]}")).includeTotalCount(true).includeStatusCounts(true));
        assertEquals(List.of("m2", "m1"), ids(r));
        assertEquals(2L, r.totalCount());
        assertEquals(Map.of("completed", 1L, "failed", 1L), r.statusCounts());
        // a top-level list is an OR (spec §3.1)
        assertEquals(List.of("m2", "m1"), ids(list(req().documentFilters(Json.createReader(new StringReader("[{\"author\":\"Ada\"},{\"score\":7}]")).readArray()))));
        // legacy POST /documents filters too
        assertEquals(1, listing.listLegacy(OWNER, new LegacyListRequest(null, null, json("{\"author\":\"Grace\"}"), 0, 10)).size());
    }

    @Test
    void invalidFiltersAreRefusedWithTheParsersReason() {
        Map<String, String> cases = Map.of(
                "{\"author\":{\"$foo\":1}}", "Unsupported metadata filter operator '$foo' for field 'author'.",
                "{\"k\":{\"$in\":\"x\"}}", "$in operator for field 'k' expects a list of values.",
                "{\"filename\":{\"a\":1}}", "filename filter must use operators (e.g., {'filename': {'$eq': 'example.pdf'}}).",
                "{\"$or\":[]}", "No valid conditions supplied for operator \"$or\".");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> list(req().documentFilters(json(c.getKey()))), c.getKey());
            assertEquals(400, e.status());
            assertEquals(c.getValue(), e.getMessage());
        }
        CatalogException scalar = assertThrows(CatalogException.class,
                () -> list(req().documentFilters(Json.createValue("x"))));
        assertEquals("Metadata filters must be provided as a JSON object.", scalar.getMessage());
    }

    @Test
    void invalidRequestsAreRefusedWith400() {
        assertBad("sort_by must be one of created_at, updated_at, filename, external_id; got 'size'",
                () -> req().sortBy("size").build());
        assertBad("sort_direction must be 'asc' or 'desc'; got 'up'", () -> req().sortDirection("up").build());
        assertBad("skip must be greater than or equal to 0; got -1", () -> req().skip(-1).build());
        assertBad("limit must be greater than or equal to 0; got -1", () -> req().limit(-1).build());
        assertBad("limit must be at most 10000; got 10001. Page with skip and next_skip instead.",
                () -> req().limit(10_001).build());
        assertEquals(10_000, req().limit(10_000).build().limit());
        assertBad("folder_depth must be -1 (all descendants), 0 (exact folder) or a positive number of levels; got -2",
                () -> list(req().folderNames(List.of("/A")).folderDepth(-2)));
        CatalogException root = assertThrows(CatalogException.class, () -> list(req().folderNames(List.of("/"))));
        assertEquals(400, root.status());
        assertTrue(root.getMessage().contains("root"), root.getMessage());
        CatalogException dots = assertThrows(CatalogException.class, () -> list(req().folderNames(List.of("/A/../B"))));
        assertEquals(400, dots.status());
    }

    private static void assertBad(String message, org.junit.jupiter.api.function.Executable call) {
        CatalogException e = assertThrows(CatalogException.class, call);
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void fieldsProjectListedDocuments() {
        ListDocsResult r = list(req().fields(List.of("metadata.k", "status", "page_count")).limit(1));
        assertEquals(json("{\"metadata\":{\"k\":1},\"system_metadata\":{\"status\":\"completed\"},"
                + "\"page_count\":2,\"external_id\":\"d1\"}"), r.documents().getFirst());
    }

    @Test
    void listingCanLeaveContentOut() {
        add(TestingDocuments.doc("c1").system("{\"status\":\"completed\",\"content\":\"secret text\"}").updated(99));
        JsonObject withContent = list(req().limit(1)).documents().getFirst();
        assertEquals("secret text", withContent.getJsonObject("system_metadata").getString("content"));
        JsonObject without = new DocumentListing(storage, folders, false).list(OWNER, req().limit(1).build())
                .documents().getFirst();
        assertFalse(without.getJsonObject("system_metadata").containsKey("content"));
    }

    @Test
    void legacyListIsABareArrayOfFullDocumentsOldestFirst() {
        add(TestingDocuments.doc("c1").system("{\"status\":\"completed\",\"content\":\"text\"}").created(0));
        JsonArray all = listing.listLegacy(OWNER, new LegacyListRequest(null, null, null, 0, 10_000));
        assertEquals(List.of("c1", "d1", "d2", "d3", "d4", "d5"),
                all.getValuesAs(JsonObject.class).stream().map(d -> d.getString("external_id")).toList());
        JsonObject first = all.getJsonObject(0);
        assertEquals("text", first.getJsonObject("system_metadata").getString("content"));
        assertFalse(first.containsKey("page_count"));
        JsonArray page = listing.listLegacy(OWNER, new LegacyListRequest(List.of("null", "/A"), null,
                json("{}"), 1, 2));
        assertEquals(List.of("d1", "d4"),
                page.getValuesAs(JsonObject.class).stream().map(d -> d.getString("external_id")).toList());
        JsonArray byUser = listing.listLegacy(OWNER, new LegacyListRequest(null, "eu-1", null, 0, 10));
        assertEquals(2, byUser.size());
        assertThrows(CatalogException.class, () -> new LegacyListRequest(null, null, null, 0, 0));
        assertThrows(CatalogException.class, () -> new LegacyListRequest(null, null, null, -1, 10));
        assertThrows(CatalogException.class, () -> listing.listLegacy(OWNER,
                new LegacyListRequest(null, null, json("{\"k\":{\"$bogus\":1}}"), 0, 10)));
    }

    @Test
    void legacyDetection() {
        assertTrue(LegacyListRequest.looksLegacy(Set.of(), Set.of("skip", "limit")));
        assertTrue(LegacyListRequest.looksLegacy(Set.of("document_filters"), Set.of("limit", "folder_name")));
        assertFalse(LegacyListRequest.looksLegacy(Set.of(), Set.of()));
        assertFalse(LegacyListRequest.looksLegacy(Set.of("skip", "limit"), Set.of("folder_name")));
        assertFalse(LegacyListRequest.looksLegacy(Set.of("include_total_count"), Set.of("skip")));
    }

    @Test
    void findByFilenameTakesTheNewestWithinTheSelection() {
        add(TestingDocuments.doc("b2").folder("/A/B/C").filename("bravo.txt").updated(50));
        assertEquals("b2", listing.findByFilename(OWNER, "bravo.txt", null, null, null).id());
        assertEquals("d2", listing.findByFilename(OWNER, "bravo.txt", List.of("/A/B"), 0, null).id());
        assertEquals("b2", listing.findByFilename(OWNER, "bravo.txt", List.of("/A"), -1, null).id());
        assertEquals("d4", listing.findByFilename(OWNER, "delta.txt", List.of("null"), null, "eu-1").id());
        CatalogException e = assertThrows(CatalogException.class,
                () -> listing.findByFilename(OWNER, "delta.txt", null, null, "eu-2"));
        assertEquals(404, e.status());
        assertEquals("Document with filename 'delta.txt' not found", e.getMessage());
        assertThrows(CatalogException.class, () -> listing.findByFilename(OWNER, "alpha.txt", List.of("/"), null, null));
    }
}
