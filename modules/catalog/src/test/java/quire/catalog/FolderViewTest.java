package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import quire.spi.storage.AccessScope;
import quire.spi.storage.FolderRecord;

class FolderViewTest {
    private static final AccessScope OWNER = new AccessScope("owner-a", "app-1");

    private static FolderRecord record(String systemMetadata) {
        return new FolderRecord("f-1", "owner-a", "app-1", "eu-1", "Reports", "/Company/Reports", "f-0", 2,
                "quarterly", systemMetadata, TestingDocuments.T0, TestingDocuments.T0.plusSeconds(60));
    }

    @Test
    void folderHasHeadFieldsInOrder() {
        JsonObject json = FolderView.folder(record("{\"summary_version\":3,\"note\":\"x\"}"), List.of("d1", "d2"), 4);
        assertEquals(List.of("id", "name", "description", "document_ids", "system_metadata", "app_id", "end_user_id",
                "full_path", "parent_id", "depth", "child_count", "summary_storage_key", "summary_version",
                "summary_bucket", "summary_updated_at"), List.copyOf(json.keySet()));
        assertEquals("f-1", json.getString("id"));
        assertEquals("Reports", json.getString("name"));
        assertEquals("quarterly", json.getString("description"));
        assertEquals(List.of("d1", "d2"), json.getJsonArray("document_ids").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        JsonObject sm = json.getJsonObject("system_metadata");
        assertEquals("2025-01-02T03:04:05.000000+00:00", sm.getString("created_at"));
        assertEquals("2025-01-02T03:05:05.000000+00:00", sm.getString("updated_at"));
        assertEquals("x", sm.getString("note"));
        assertEquals("app-1", json.getString("app_id"));
        assertEquals("eu-1", json.getString("end_user_id"));
        assertEquals("/Company/Reports", json.getString("full_path"));
        assertEquals("f-0", json.getString("parent_id"));
        assertEquals(2, json.getInt("depth"));
        assertEquals(4, json.getInt("child_count"));
        assertEquals(3, json.getInt("summary_version"));
        assertEquals(JsonValue.NULL, json.get("summary_bucket"));
    }

    @Test
    void rootChildHasNullParentAndDescription() {
        FolderRecord f = new FolderRecord("f", "o", null, null, "A", "/A", null, 1, null, null, TestingDocuments.T0,
                TestingDocuments.T0);
        JsonObject json = FolderView.folder(f, List.of(), 0);
        assertEquals(JsonValue.NULL, json.get("parent_id"));
        assertEquals(JsonValue.NULL, json.get("description"));
        assertEquals(JsonValue.NULL, json.get("app_id"));
        assertEquals(0, json.getJsonArray("document_ids").size());
    }

    @Test
    void summaryShape() {
        JsonObject json = FolderView.summary(record("{}"), 7);
        assertEquals(List.of("id", "name", "full_path", "depth", "description", "doc_count", "updated_at"),
                List.copyOf(json.keySet()));
        assertEquals(7, json.getInt("doc_count"));
        assertEquals("2025-01-02T03:05:05.000000+00:00", json.getString("updated_at"));
    }

    @Test
    void lookupsFillDocumentIdsChildCountsAndDocCounts() {
        TestingStorageBackend storage = new TestingStorageBackend();
        FolderService folders = new FolderService(storage, Clock.fixed(TestingDocuments.T0, ZoneOffset.UTC));
        FolderRecord a = folders.ensure(OWNER, null, "/A", null);
        folders.ensure(OWNER, null, "/A/B", null);
        folders.ensure(OWNER, null, "/A/C/D", null);
        storage.insertDocument(TestingDocuments.doc("d1").owner("owner-a", "app-1").folder("/A").build());
        storage.insertDocument(TestingDocuments.doc("d2").owner("owner-a", "app-1").folder("/A").build());
        storage.insertDocument(TestingDocuments.doc("d3").owner("owner-a", "app-1").folder("/A/B").build());

        JsonObject json = FolderView.folder(folders, OWNER, a);
        assertEquals(2, json.getInt("child_count"), "direct children only");
        assertEquals(List.of("d1", "d2"), json.getJsonArray("document_ids").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).sorted().toList());
        assertEquals(Map.of(a.id(), 2, folders.find(OWNER, "/A/C").orElseThrow().id(), 1),
                FolderView.childCounts(folders.list(OWNER)));

        List<JsonObject> summaries = FolderView.summaries(folders, OWNER);
        assertEquals(List.of("/A", "/A/B", "/A/C", "/A/C/D"),
                summaries.stream().map(s -> s.getString("full_path")).toList());
        assertEquals(List.of(2, 1, 0, 0), summaries.stream().map(s -> s.getInt("doc_count")).toList());
    }
}
