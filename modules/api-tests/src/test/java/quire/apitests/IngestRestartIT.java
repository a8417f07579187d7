package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.IngestTesting.DEV;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import quire.apitests.HttpFixture.Part;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;

/**
 * A server stopped while documents are queued and one is being processed: a new server on the
 * same data directory finishes every accepted document exactly once, with exact chunk counts.
 */
class IngestRestartIT {
    private static final int DOCUMENTS = 40;
    // one worker and a slowed embedder: the restart lands while work is queued however fast the machine is
    private static final Map<String, String> ONE_WORKER = Map.of("quire.ingest.workers", "1",
            "quire.ingest.lease", "3s", "quire.embedder.testing.delay-ms", "40");

    @TempDir
    Path dir;

    /** Every document has the same shape (fixed-width numbers), so every one splits into the same chunks. */
    private static String content(int doc) {
        String tag = String.format("doc%03d", doc);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            b.append(tag).append(" sentence ").append(String.format("%03d", i))
                    .append(" describes rivers and valleys in some detail. ");
            if (i % 6 == 5) {
                b.append("\n\n");
            }
        }
        return b.toString();
    }

    @Test
    void queuedDocumentsCompleteExactlyOnceAfterARestart() throws Exception {
        int expectedChunks;
        List<String> ids = new ArrayList<>();
        int pendingAtClose;
        try (QuireTestServer first = QuireTestServer.start(dir, ONE_WORKER)) {
            String reference = first.http().postJson("/ingest/text", Json.createObjectBuilder()
                    .add("content", content(999)).build()).object().getString("external_id");
            expectedChunks = IngestTesting.completed(first, reference).chunkIds().size();
            assertTrue(expectedChunks > 1, "several chunks per document: " + expectedChunks);
            IngestTesting.services(first).ingestion().delete(DEV, reference);

            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                parts.add(Part.file("files", "river-" + i + ".txt", IngestTesting.utf8(content(i))));
            }
            HttpFixture.Response r = first.http().postMultipart("/ingest/files", parts);
            assertEquals(200, r.status(), r.text());
            for (JsonValue d : r.object().getJsonArray("documents")) {
                ids.add(d.asJsonObject().getString("external_id"));
            }
            pendingAtClose = (int) ids.stream().filter(id -> "processing".equals(IngestTesting.services(first)
                    .storage().findDocument(DEV, id).orElseThrow().status())).count();
        }
        assertEquals(DOCUMENTS, ids.size());
        assertTrue(pendingAtClose > 0, "the restart must interrupt work (all " + DOCUMENTS + " done already?)");

        try (QuireTestServer second = QuireTestServer.start(dir, ONE_WORKER)) {
            for (int i = 0; i < DOCUMENTS; i++) {
                String id = ids.get(i);
                DocumentRecord done = IngestTesting.completed(second, id);
                List<ChunkRecord> chunks = IngestTesting.chunks(second, id);
                assertEquals(expectedChunks, chunks.size(), "chunks of " + id);
                assertEquals(expectedChunks, done.chunkIds().size());
                Set<Integer> numbers = new HashSet<>();
                chunks.forEach(c -> numbers.add(c.chunkNumber()));
                assertEquals(expectedChunks, numbers.size(), "no duplicate chunk numbers");
                assertEquals(0, chunks.stream().mapToInt(ChunkRecord::chunkNumber).min().orElseThrow());
                String tag = String.format("doc%03d", i);
                assertTrue(chunks.stream().allMatch(c -> c.content().contains(tag)), "own content only");
                assertTrue(IngestTesting.services(second).storage().jobsOfDocument(id).isEmpty(),
                        "no job left for " + id);
            }
            assertEquals(DOCUMENTS, IngestTesting.documentCount(second));
        }
    }
}
