package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import quire.spi.storage.DocumentRecord;

class DocumentViewTest {

    private static DocumentRecord rich() {
        return TestingDocuments.doc("doc-1").owner("owner-a", "app-1").endUser("eu-1").folder("/Company/Reports")
                .filename("q1.pdf").status("completed")
                .metadata("{\"author\":\"Ada\",\"folder_name\":\"stale\"}")
                .types("{\"author\":\"string\"}")
                .system("{\"status\":\"processing\",\"content\":\"full text\",\"page_count\":7,"
                        + "\"progress\":{\"current_step\":1},\"folder_name\":\"/x\",\"end_user_id\":\"eu\","
                        + "\"app_id\":\"a\",\"created_at\":\"old\",\"summary_version\":2}")
                .storage("{\"bucket\":\"docs\",\"key\":\"k/1\",\"version\":3,\"public\":true,\"extra\":{\"a\":1},"
                        + "\"gone\":null}")
                .additional("{\"frame_description\":{\"0.0\":\"cat\"}}")
                .chunks("c0", "c1").created(0).updated(61)
                .build();
    }

    @Test
    void documentHasMorphikFieldsInOrder() {
        JsonObject json = DocumentView.document(rich());
        assertEquals(List.of("external_id", "content_type", "filename", "metadata", "metadata_types", "storage_info",
                "system_metadata", "additional_metadata", "chunk_ids", "folder_name", "folder_path", "folder_id",
                "end_user_id", "app_id", "summary_storage_key", "summary_version", "summary_bucket",
                "summary_updated_at"), List.copyOf(json.keySet()));
        assertEquals("doc-1", json.getString("external_id"));
        assertEquals("text/plain", json.getString("content_type"));
        assertEquals("q1.pdf", json.getString("filename"));
        assertEquals("Reports", json.getString("folder_name"), "HEAD: folder_name is the leaf");
        assertEquals("/Company/Reports", json.getString("folder_path"));
        assertEquals("fid/Company/Reports", json.getString("folder_id"));
        assertEquals("eu-1", json.getString("end_user_id"));
        assertEquals("app-1", json.getString("app_id"));
        assertEquals(List.of("c0", "c1"), json.getJsonArray("chunk_ids").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals("cat", json.getJsonObject("additional_metadata").getJsonObject("frame_description").getString("0.0"));
        assertEquals(2, json.getInt("summary_version"));
        assertEquals(JsonValue.NULL, json.get("summary_storage_key"));
        assertFalse(json.containsKey("page_count"), "page_count is a listing-only field");
    }

    @Test
    void metadataCarriesServerKeysWithFolderPath() {
        JsonObject json = DocumentView.document(rich());
        JsonObject metadata = json.getJsonObject("metadata");
        assertEquals("Ada", metadata.getString("author"));
        assertEquals("doc-1", metadata.getString("external_id"));
        assertEquals("/Company/Reports", metadata.getString("folder_name"), "metadata.folder_name is the full path");
        JsonObject types = json.getJsonObject("metadata_types");
        assertEquals("string", types.getString("author"));
        assertEquals("string", types.getString("external_id"));
        assertEquals("string", types.getString("folder_name"));
    }

    @Test
    void unfolderedDocumentHasNullFolderFieldsAndNoStaleMetadataFolder() {
        DocumentRecord d = TestingDocuments.doc("d").metadata("{\"folder_name\":\"/Old\",\"k\":1}")
                .types("{\"folder_name\":\"string\"}").build();
        JsonObject json = DocumentView.document(d);
        assertEquals(JsonValue.NULL, json.get("folder_name"));
        assertEquals(JsonValue.NULL, json.get("folder_path"));
        assertEquals(JsonValue.NULL, json.get("folder_id"));
        assertEquals(JsonValue.NULL, json.get("end_user_id"));
        assertEquals(JsonValue.NULL, json.get("app_id"));
        assertFalse(json.getJsonObject("metadata").containsKey("folder_name"));
        assertFalse(json.getJsonObject("metadata_types").containsKey("folder_name"));
        assertEquals(1, json.getJsonObject("metadata").getInt("k"));
    }

    @Test
    void storageInfoValuesAreAllStrings() {
        JsonObject info = DocumentView.document(rich()).getJsonObject("storage_info");
        assertEquals("docs", info.getString("bucket"));
        assertEquals("k/1", info.getString("key"));
        assertEquals("3", info.getString("version"));
        assertEquals("true", info.getString("public"));
        assertEquals("{\"a\":1}", info.getString("extra"));
        assertFalse(info.containsKey("gone"), "null values are dropped: Dict[str, str] cannot hold them");
        info.values().forEach(v -> assertEquals(JsonValue.ValueType.STRING, v.getValueType()));
    }

    @Test
    void systemMetadataTakesColumnsAndStripsScopeKeys() {
        JsonObject sm = DocumentView.document(rich()).getJsonObject("system_metadata");
        assertEquals("completed", sm.getString("status"), "the status column wins");
        assertEquals("2025-01-02T03:04:05.000000+00:00", sm.getString("created_at"));
        assertEquals("2025-01-02T03:05:06.000000+00:00", sm.getString("updated_at"));
        assertEquals("full text", sm.getString("content"));
        assertEquals(7, sm.getInt("page_count"));
        assertFalse(sm.containsKey("progress"), "progress is shown only while processing");
        for (String scopeKey : List.of("folder_name", "end_user_id", "app_id")) {
            assertFalse(sm.containsKey(scopeKey), scopeKey);
        }
    }

    @Test
    void processingDocumentKeepsProgress() {
        DocumentRecord d = TestingDocuments.doc("d").status("processing")
                .system("{\"status\":\"processing\",\"progress\":{\"current_step\":2,\"total_steps\":4,"
                        + "\"step_name\":\"chunking\",\"percentage\":37.5}}").build();
        JsonObject sm = DocumentView.document(d).getJsonObject("system_metadata");
        assertEquals("chunking", sm.getJsonObject("progress").getString("step_name"));
    }

    @Test
    void listingOptionsAddPageCountAndCanDropContent() {
        JsonObject listed = DocumentView.toJson(rich(), DocumentView.Options.LISTING);
        assertEquals(7, listed.getInt("page_count"));
        assertEquals("full text", listed.getJsonObject("system_metadata").getString("content"));
        JsonObject lean = DocumentView.toJson(rich(), DocumentView.Options.LISTING.withoutContent());
        assertFalse(lean.getJsonObject("system_metadata").containsKey("content"));
        assertEquals(7, lean.getInt("page_count"));
    }

    @Test
    void pageCountFallsBackToChunkCount() {
        assertEquals(3, DocumentView.pageCount(TestingDocuments.doc("a").chunks("1", "2", "3").build()));
        assertEquals(2, DocumentView.pageCount(TestingDocuments.doc("b").chunks("1", "2")
                .system("{\"page_count\":\"oops\"}").build()));
        assertEquals(2, DocumentView.pageCount(TestingDocuments.doc("c").chunks("1", "2")
                .system("{\"page_count\":-1}").build()));
        assertEquals(5, DocumentView.pageCount(TestingDocuments.doc("d").system("{\"page_count\":\"5\"}").build()));
        assertEquals(0, DocumentView.pageCount(TestingDocuments.doc("e").system("{\"page_count\":0}")
                .chunks("1").build()));
    }

    @Test
    void corruptStoredJsonRendersAsEmptyObjects() {
        DocumentRecord d = TestingDocuments.doc("d").metadata("not json").storage("[1,2]").system("{").build();
        JsonObject json = DocumentView.document(d);
        assertEquals("d", json.getJsonObject("metadata").getString("external_id"));
        assertTrue(json.getJsonObject("storage_info").isEmpty());
        assertEquals("completed", json.getJsonObject("system_metadata").getString("status"));
    }

    @Test
    void statusPayloadWhileProcessing() {
        DocumentRecord d = TestingDocuments.doc("d").status("processing").filename("a.txt").created(0).updated(1)
                .system("{\"progress\":{\"current_step\":1,\"total_steps\":4,\"step_name\":\"parsing\","
                        + "\"percentage\":0.0},\"error\":\"old\"}").build();
        JsonObject s = DocumentView.statusPayload(d);
        assertEquals(List.of("document_id", "status", "filename", "created_at", "updated_at", "progress"),
                List.copyOf(s.keySet()));
        assertEquals("processing", s.getString("status"));
        assertEquals("parsing", s.getJsonObject("progress").getString("step_name"));
        assertEquals("2025-01-02T03:04:06.000000+00:00", s.getString("updated_at"));
    }

    @Test
    void statusPayloadWhenFailedHasErrorWithDefault() {
        JsonObject withError = DocumentView.statusPayload(TestingDocuments.doc("d").status("failed")
                .system("{\"error\":\"PDF is encrypted\",\"progress\":{}}").build());
        assertEquals("PDF is encrypted", withError.getString("error"));
        assertFalse(withError.containsKey("progress"));
        JsonObject noError = DocumentView.statusPayload(TestingDocuments.doc("d").status("failed").build());
        assertEquals("Unknown error", noError.getString("error"));
        JsonObject done = DocumentView.statusPayload(TestingDocuments.doc("d").status("completed").build());
        assertFalse(done.containsKey("error"));
        assertFalse(done.containsKey("progress"));
    }

    @Test
    void statusFallsBackToSystemMetadataThenUnknown() {
        assertEquals("failed", DocumentView.status(TestingDocuments.doc("d").status(null)
                .system("{\"status\":\"failed\"}").build()));
        assertEquals("unknown", DocumentView.status(TestingDocuments.doc("d").status(null).system("{}").build()));
        assertEquals("unknown", DocumentView.statusPayload(TestingDocuments.doc("d").status("").system("{}").build())
                .getString("status"));
    }
}
