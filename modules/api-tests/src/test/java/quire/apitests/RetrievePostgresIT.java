package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static quire.apitests.RetrievalCalls.body;
import static quire.apitests.RetrievalCalls.chunks;
import static quire.apitests.RetrievalCalls.documents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database (skipped with a message without {@code QUIRE_TEST_PG_URL}):
 * a document ingested through one node becomes retrievable through the other (its index refreshes
 * from the database), filters and folders narrow on PostgreSQL too, and a document deleted through
 * one node is never returned by the other.
 */
class RetrievePostgresIT {
    /** Only bounds a hung test; the refresh runs every 200ms. */
    private static final long WAIT_MILLIS = 60_000;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void aDocumentIngestedOnOneNodeIsRetrievableOnTheOtherAndDeletionsHoldEverywhere() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip()) {
            // scale-out: both nodes share the database AND the blob store (either node's worker may
            // claim a job queued through the other)
            Map<String, String> overrides = Map.of("quire.storage.jdbc.url", schema.url(),
                    "quire.blob-store.fs.root", dirA.resolve("shared-blobs").toString(),
                    "quire.index.refresh-interval", "200ms", "quire.embedder.testing.dimensions", "512");
            try (QuireTestServer a = QuireTestServer.start(dirA, overrides);
                 QuireTestServer b = QuireTestServer.start(dirB, overrides)) {
                TestingDocuments docs = new TestingDocuments(a);
                String otter = docs.create(TestingDocuments.DEV, "/Rivers", null, "otter.txt", null,
                        "The otter cracks clams on its belly while floating.".getBytes(StandardCharsets.UTF_8), true,
                        "{\"kind\":\"mammal\"}").id();
                String heron = docs.create(TestingDocuments.DEV, null, null, "heron.txt", null,
                        "The heron waits motionless for fish in the shallows.".getBytes(StandardCharsets.UTF_8), true,
                        "{\"kind\":\"bird\"}").id();
                for (QuireTestServer node : List.of(a, b)) {
                    await(() -> documents(chunks(node.http(), "otter clams heron fish", 10)).size() == 2,
                            "both documents retrievable on " + node.url());
                    assertEquals(otter, chunks(node.http(), "otter cracks clams", 1).getJsonObject(0).getString("document_id"));
                    assertEquals(List.of(heron), documents(chunks(node.http(), body("otter cracks clams", 10)
                            .add("filters", Json.createObjectBuilder().add("kind", "bird")).build())));
                    assertEquals(List.of(otter), documents(chunks(node.http(), body("heron fish", 10)
                            .add("folder_name", "/Rivers").build())));
                }
                HttpFixture.Response deleted = a.http().delete("/documents/" + otter);
                assertEquals(200, deleted.status(), deleted::text);
                // the other node's index may still hold it until its refresh; its answers never do
                assertFalse(chunks(b.http(), "otter cracks clams", 10).toString().contains(otter));
                assertFalse(b.http().postJson("/retrieve/docs", body("otter cracks clams", 10).build()).text()
                        .contains(otter));
                await(() -> indexSize(b) == 1, "the other node's index drops the deleted document");
            }
        }
    }

    private static int indexSize(QuireTestServer node) {
        return RetrieveRoutesIT.service(node.http().get("/health").object(), "vector_index").getJsonObject("details")
                .getInt("size");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("never happened: " + what);
            }
            Thread.sleep(100);
        }
    }
}
