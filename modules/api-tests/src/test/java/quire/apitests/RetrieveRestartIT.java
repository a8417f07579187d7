package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.RetrievalCalls.chunks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector index outlives the process: a restart on the same data directory restores it from
 * its snapshot and answers exactly as before; a deletion made before the restart stays deleted;
 * a damaged snapshot is rebuilt from the database with the same answers.
 */
class RetrieveRestartIT {
    private static final List<String> QUERIES = List.of("lighthouse keeper lamp", "honey bees hive", "granite quarry stone");

    @TempDir
    Path dir;

    @Test
    void retrievalAnswersTheSameAfterRestartsFromTheSnapshotOrARebuild() throws IOException {
        String lighthouse;
        List<JsonArray> before;
        try (QuireTestServer first = QuireTestServer.start(dir)) {
            TestingDocuments docs = new TestingDocuments(first);
            lighthouse = ingest(docs, "The lighthouse keeper trims the lamp wick every evening.");
            ingest(docs, "Honey bees build wax combs inside the hive.");
            ingest(docs, "Workers cut granite blocks in the stone quarry.");
            ingest(docs, "A lighthouse lamp turns slowly above the rocks.");
            before = answers(first.http());
            assertEquals(lighthouse, before.get(0).getJsonObject(0).getString("document_id"));
            assertEquals("database", indexDetails(first.http()).getString("loaded_from"));
        }
        Path snapshot = dir.resolve("index").resolve("chunks.qidx");
        assertTrue(Files.size(snapshot) > 0, "a snapshot is written at close");

        try (QuireTestServer second = QuireTestServer.start(dir)) {
            JsonObject details = indexDetails(second.http());
            assertEquals("snapshot", details.getString("loaded_from"), details::toString);
            assertEquals(4, details.getInt("size"));
            assertEquals(strip(before), strip(answers(second.http())));
            HttpFixture.Response deleted = second.http().delete("/documents/" + lighthouse);
            assertEquals(200, deleted.status(), deleted::text);
        }

        try (QuireTestServer third = QuireTestServer.start(dir)) {
            JsonObject details = indexDetails(third.http());
            assertEquals("snapshot", details.getString("loaded_from"), details::toString);
            assertEquals(3, details.getInt("size"), "the deletion reached the snapshot");
            JsonArray lamp = chunks(third.http(), "lighthouse keeper lamp", 10);
            assertFalse(lamp.toString().contains(lighthouse), "a deleted document never comes back");
            assertEquals(3, lamp.size());
            before = answers(third.http());
        }

        Files.write(snapshot, "not a snapshot".getBytes(StandardCharsets.US_ASCII));
        try (QuireTestServer fourth = QuireTestServer.start(dir)) {
            JsonObject details = indexDetails(fourth.http());
            assertEquals("database", details.getString("loaded_from"), "a damaged snapshot is rebuilt: " + details);
            assertEquals(3, details.getInt("size"));
            assertEquals(strip(before), strip(answers(fourth.http())));
        }
    }

    @Test
    void documentsIngestedAfterARestoreAreFound() {
        try (QuireTestServer first = QuireTestServer.start(dir)) {
            ingest(new TestingDocuments(first), "The lighthouse keeper trims the lamp wick every evening.");
        }
        try (QuireTestServer again = QuireTestServer.start(dir)) {
            assertEquals("snapshot", indexDetails(again.http()).getString("loaded_from"));
            String bees = ingest(new TestingDocuments(again), "Honey bees build wax combs inside the hive.");
            JsonArray r = chunks(again.http(), "honey bees hive", 2);
            assertEquals(2, r.size());
            assertEquals(bees, r.getJsonObject(0).getString("document_id"));
        }
    }

    private static String ingest(TestingDocuments docs, String text) {
        return docs.create(TestingDocuments.DEV, null, null, null, null, text.getBytes(StandardCharsets.UTF_8), true, "{}")
                .id();
    }

    private static List<JsonArray> answers(HttpFixture http) {
        return QUERIES.stream().map(q -> chunks(http, q, 10)).toList();
    }

    /** Scores, ids and texts; links carry a signing time. */
    private static List<List<JsonObject>> strip(List<JsonArray> answers) {
        return answers.stream().map(a -> a.stream().map(RetrievalCalls::withoutLink).toList()).toList();
    }

    private static JsonObject indexDetails(HttpFixture http) {
        return RetrieveRoutesIT.service(http.get("/health").object(), "vector_index").getJsonObject("details");
    }
}
