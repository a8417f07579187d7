package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.IngestTesting.utf8;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import quire.apitests.HttpFixture.Part;
import quire.spi.storage.DocumentRecord;

/** {@code POST /ingest/files} (batch) and {@code POST /ingest/requeue} (spec §1.4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestBatchIT {
    @TempDir
    static Path dir;
    private QuireTestServer server;
    private HttpFixture http;

    @BeforeAll
    void start() {
        server = QuireTestServer.start(dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static List<Part> files(int n) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(Part.file("files", "batch-" + i + ".txt", utf8("batch file number " + i + " about comets")));
        }
        return parts;
    }

    @Test
    void metadataListGivesEachFileItsOwnMetadata() {
        List<Part> parts = files(3);
        parts.add(Part.field("metadata", "[{\"n\":0},{\"n\":1},{\"n\":\"2\"}]"));
        parts.add(Part.field("metadata_types", "[{},{},{\"n\":\"number\"}]"));
        parts.add(Part.field("use_colpali", "true"));
        parts.add(Part.field("parallel", "true"));
        parts.add(Part.field("folder_name", "/Batch/Inbox"));
        HttpFixture.Response r = http.postMultipart("/ingest/files", parts);
        assertEquals(200, r.status(), r.text());
        JsonArray docs = r.object().getJsonArray("documents");
        assertEquals(0, r.object().getJsonArray("errors").size());
        assertEquals(3, docs.size());
        for (int i = 0; i < 3; i++) {
            JsonObject d = docs.getJsonObject(i);
            assertEquals("batch-" + i + ".txt", d.getString("filename"));
            assertEquals(i, d.getJsonObject("metadata").getJsonNumber("n").intValue());
            assertEquals("number", d.getJsonObject("metadata_types").getString("n"));
            assertEquals("/Batch/Inbox", d.getString("folder_path"));
            DocumentRecord done = IngestTesting.completed(server, d.getString("external_id"));
            assertTrue(IngestTesting.chunkText(server, done.id()).contains("number " + i));
        }
    }

    @Test
    void oneMetadataObjectAppliesToAllFiles() {
        List<Part> parts = files(2);
        parts.add(Part.field("metadata", "{\"source\":\"scanner\"}"));
        JsonArray docs = http.postMultipart("/ingest/files", parts).object().getJsonArray("documents");
        assertEquals(2, docs.size());
        docs.forEach(d -> assertEquals("scanner", d.asJsonObject().getJsonObject("metadata").getString("source")));
    }

    @Test
    void badBatchesAre400AndStoreNothing() {
        long before = IngestTesting.documentCount(server);
        HttpFixture.Response none = http.postMultipart("/ingest/files", List.of(Part.field("metadata", "{}")));
        assertEquals(400, none.status(), none.text());
        assertEquals("No files provided for batch ingestion", none.detail());

        List<Part> mismatch = files(3);
        mismatch.add(Part.field("metadata", "[{},{}]"));
        HttpFixture.Response m = http.postMultipart("/ingest/files", mismatch);
        assertEquals(400, m.status(), m.text());
        assertTrue(m.detail().contains("must match number of files (3)"), m.detail());

        List<Part> typesMismatch = files(2);
        typesMismatch.add(Part.field("metadata_types", "[{}]"));
        assertEquals(400, http.postMultipart("/ingest/files", typesMismatch).status());

        // the last file's metadata is bad: the first two must not be stored either
        List<Part> lateFailure = files(3);
        lateFailure.add(Part.field("metadata", "[{\"a\":1},{\"a\":2},{\"external_id\":\"x\"}]"));
        assertEquals(400, http.postMultipart("/ingest/files", lateFailure).status());

        List<Part> badItem = files(2);
        badItem.add(Part.field("metadata", "[{}, 5]"));
        assertEquals(400, http.postMultipart("/ingest/files", badItem).status());

        assertEquals(before, IngestTesting.documentCount(server));
    }

    @Test
    void requeueRunsDocumentsAgainAndReportsUnknownOnes() {
        String id = http.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "requeue me, I am about tides and moons").build()).object().getString("external_id");
        DocumentRecord first = IngestTesting.completed(server, id);
        HttpFixture.Response r = http.postJson("/ingest/requeue", Json.createObjectBuilder()
                .add("jobs", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("external_id", id).add("use_colpali", false))
                        .add(Json.createObjectBuilder().add("external_id", "no-such-doc")))
                .build());
        assertEquals(200, r.status(), r.text());
        JsonArray results = r.object().getJsonArray("results");
        assertEquals(id, results.getJsonObject(0).getString("external_id"));
        assertEquals("requeued", results.getJsonObject(0).getString("status"));
        assertEquals("not_found", results.getJsonObject(1).getString("status"));
        DocumentRecord again = IngestTesting.completed(server, id);
        assertEquals(first.chunkIds(), again.chunkIds());
        assertEquals(first.chunkIds().size(), IngestTesting.chunks(server, id).size(), "old chunks replaced, not added");
    }

    @Test
    void requeueIncludeAllPicksDocumentsByStatus() {
        String broken = http.postMultipart("/ingest/file", List.of(Part.file("file", "broken.pdf",
                utf8("%PDF-1.4\nnot really a pdf\n")))).object().getString("external_id");
        assertEquals("failed", IngestTesting.settled(server, broken).status());
        HttpFixture.Response r = http.postJson("/ingest/requeue", Json.createObjectBuilder()
                .add("include_all", true).add("statuses", Json.createArrayBuilder().add("failed")).add("limit", 50)
                .build());
        assertEquals(200, r.status(), r.text());
        List<String> ids = r.object().getJsonArray("results").stream()
                .map(v -> v.asJsonObject().getString("external_id")).toList();
        assertTrue(ids.contains(broken), ids.toString());
        assertEquals("failed", IngestTesting.settled(server, broken).status(), "fails again, does not hang");
    }

    @Test
    void requeueWithoutJobsOrIncludeAllIs400() {
        HttpFixture.Response r = http.postJson("/ingest/requeue", "{}");
        assertEquals(400, r.status(), r.text());
        assertEquals(400, http.postJson("/ingest/requeue", "{\"jobs\":[]}").status());
        assertEquals(422, http.postJson("/ingest/requeue", "{\"jobs\":[{}]}").status());
        assertEquals(422, http.postJson("/ingest/requeue", "{\"include_all\":true,\"limit\":0}").status());
    }
}
