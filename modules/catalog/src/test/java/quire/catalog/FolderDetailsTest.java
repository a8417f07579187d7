package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import quire.spi.storage.AccessScope;

class FolderDetailsTest {
    private static final AccessScope OWNER = new AccessScope("owner-a", null);

    private TestingStorageBackend storage;
    private FolderService folders;
    private FolderDetails details;

    @BeforeEach
    void setUp() {
        storage = new TestingStorageBackend();
        folders = new FolderService(storage, Clock.fixed(TestingDocuments.T0, ZoneOffset.UTC));
        details = new FolderDetails(folders, new DocumentListing(storage, folders));
        folders.ensure(OWNER, null, "/A/B", null);
        folders.ensure(OWNER, null, "/Empty", "nothing here");
        storage.insertDocument(TestingDocuments.doc("a1").folder("/A").status("completed").updated(3).build());
        storage.insertDocument(TestingDocuments.doc("a2").folder("/A").status("processing").updated(2).build());
        storage.insertDocument(TestingDocuments.doc("a3").folder("/A").status("completed").updated(1)
                .filename("x.txt").chunks("c0").build());
        storage.insertDocument(TestingDocuments.doc("b1").folder("/A/B").status("failed").build());
        storage.insertDocument(TestingDocuments.doc("n1").status("completed").build());
    }

    private static FolderDetailsRequest request(List<String> ids, boolean count, boolean status, boolean docs,
                                                JsonValue filters, int skip, int limit, List<String> fields) {
        return new FolderDetailsRequest(ids, count, status, docs, filters, skip, limit, fields, null, null);
    }

    private static List<String> paths(JsonObject response) {
        return response.getJsonArray("folders").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getJsonObject("folder").getString("full_path")).toList();
    }

    @Test
    void defaultsGiveEveryFolderWithItsDirectDocumentCount() {
        JsonObject r = details.details(OWNER, FolderDetailsRequest.defaults());
        assertEquals(List.of("/A", "/A/B", "/Empty"), paths(r));
        JsonObject a = r.getJsonArray("folders").getJsonObject(0);
        assertEquals(1, a.getJsonObject("folder").getInt("child_count"));
        assertEquals(3, a.getJsonObject("folder").getJsonArray("document_ids").size());
        JsonObject info = a.getJsonObject("document_info");
        assertEquals(List.of("documents", "document_count", "status_counts", "skip", "limit", "returned_count",
                "has_more", "next_skip"), List.copyOf(info.keySet()));
        assertEquals(3, info.getInt("document_count"));
        assertEquals(0, info.getJsonArray("documents").size());
        assertEquals(0, info.getInt("skip"));
        assertEquals(0, info.getInt("limit"), "no documents asked: Morphik reports limit 0");
        assertEquals(JsonValue.NULL, info.get("status_counts"));
        assertEquals(JsonValue.NULL, info.get("next_skip"));
        JsonObject empty = r.getJsonArray("folders").getJsonObject(2).getJsonObject("document_info");
        assertEquals(0, empty.getInt("document_count"));
        assertFalse(empty.getBoolean("has_more"));
    }

    @Test
    void noIncludeFlagsGiveNullDocumentInfo() {
        JsonObject r = details.details(OWNER, request(null, false, false, false, null, 0, 25, null));
        r.getJsonArray("folders").getValuesAs(JsonObject.class)
                .forEach(e -> assertEquals(JsonValue.NULL, e.get("document_info")));
    }

    @Test
    void identifiersResolveByPathIdOrNameAndDeduplicate() {
        String bId = folders.find(OWNER, "/A/B").orElseThrow().id();
        JsonObject r = details.details(OWNER, request(List.of("B", "/A", bId, "A"), true, false, false, null, 0, 25,
                null));
        assertEquals(List.of("/A/B", "/A"), paths(r));
        CatalogException e = assertThrows(CatalogException.class,
                () -> details.details(OWNER, request(List.of("/Nope"), true, false, false, null, 0, 25, null)));
        assertEquals(404, e.status());
        assertEquals("Folder /Nope not found", e.getMessage());
    }

    @Test
    void documentsPagedPerFolderWithStatusCounts() {
        JsonObject r = details.details(OWNER, request(List.of("/A"), false, true, true, null, 0, 2,
                List.of("status")));
        JsonObject info = r.getJsonArray("folders").getJsonObject(0).getJsonObject("document_info");
        JsonArray docs = info.getJsonArray("documents");
        assertEquals(2, docs.size());
        assertEquals(Json.createReader(new StringReader(
                "{\"system_metadata\":{\"status\":\"completed\"},\"external_id\":\"a1\"}")).readObject(),
                docs.getJsonObject(0));
        assertEquals(2, info.getInt("document_count"), "without include_document_count: the returned count");
        assertEquals(2, info.getInt("returned_count"));
        assertTrue(info.getBoolean("has_more"));
        assertEquals(2, info.getInt("next_skip"));
        assertEquals(2, info.getInt("limit"));
        assertEquals(2, info.getJsonObject("status_counts").getInt("completed"));
        assertEquals(1, info.getJsonObject("status_counts").getInt("processing"));

        JsonObject last = details.details(OWNER, request(List.of("/A"), true, false, true, null, 2, 2, null))
                .getJsonArray("folders").getJsonObject(0).getJsonObject("document_info");
        assertEquals(3, last.getInt("document_count"));
        assertEquals(1, last.getInt("returned_count"));
        assertFalse(last.getBoolean("has_more"));
        assertEquals(JsonValue.NULL, last.get("next_skip"));
        assertEquals(1, last.getJsonArray("documents").getJsonObject(0).getInt("page_count"));
    }

    @Test
    void filtersApplyAndInvalidOnesAreRefused() {
        JsonValue byName = Json.createObjectBuilder().add("filename", "x.txt").build();
        JsonObject info = details.details(OWNER, request(List.of("/A"), true, false, true, byName, 0, 25, null))
                .getJsonArray("folders").getJsonObject(0).getJsonObject("document_info");
        assertEquals(1, info.getInt("document_count"));
        assertEquals("a3", info.getJsonArray("documents").getJsonObject(0).getString("external_id"));
        JsonValue bad = Json.createObjectBuilder().add("k", Json.createObjectBuilder().add("$in", 1)).build();
        CatalogException e = assertThrows(CatalogException.class,
                () -> details.details(OWNER, request(List.of("/Empty"), false, false, false, bad, 0, 25, null)));
        assertEquals(400, e.status());
        assertEquals("$in operator for field 'k' expects a list of values.", e.getMessage());
    }

    @Test
    void requestValidation() {
        assertThrows(CatalogException.class, () -> request(null, true, false, false, null, -1, 25, null));
        assertThrows(CatalogException.class, () -> request(null, true, false, false, null, 0, -1, null));
        assertThrows(CatalogException.class, () -> request(null, true, false, false, null, 0, 10_001, null));
        CatalogException e = assertThrows(CatalogException.class,
                () -> new FolderDetailsRequest(null, true, false, false, null, 0, 25, null, "size", null));
        assertEquals(400, e.status());
        assertEquals("updated_at", FolderDetailsRequest.defaults().sortBy());
        assertEquals("desc", FolderDetailsRequest.defaults().sortDirection());
    }
}
