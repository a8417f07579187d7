package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.RetrievalCalls.body;
import static quire.apitests.RetrievalCalls.chunks;
import static quire.apitests.RetrievalCalls.documents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.server.StartupException;

/**
 * A filter that selects hundreds of documents, asked again and again: the index serves it from
 * its cache of selections and, from the second query on, scans a copy of the candidates' sketches
 * (exact scans are turned off here, so the planner takes the sketch scan). The answers are the
 * first query's; a deleted document and one whose metadata no longer matches drop out at once.
 */
class RetrieveRepeatedFilterIT {
    private static final int SHELVED = 270;
    /** the testing embedder counts words in buckets; each document's token gets a bucket of its own */
    private static final int DIMENSIONS = 1024;
    private static final List<String> TOKENS = tokens();
    private static final JsonObject MAIN_SHELF = Json.createObjectBuilder().add("shelf", "main").build();

    @TempDir
    Path dir;

    @Test
    void aRepeatedFilterAnswersAsTheFirstTimeAndSeesDeletionsAndMetadataChanges() {
        try (QuireTestServer server = QuireTestServer.start(dir, Map.of("quire.retrieval.exact-scan-max-chunks", "0",
                "quire.retrieval.exact-scan-max-fraction", "0", "quire.embedder.testing.dimensions", String.valueOf(DIMENSIONS)))) {
            TestingDocuments docs = new TestingDocuments(server);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SHELVED + 10; i++) {
                String shelf = i < SHELVED ? "main" : "attic";
                ids.add(docs.create(TestingDocuments.DEV, null, null, null, null, text(i).getBytes(StandardCharsets.UTF_8), true,
                        "{\"shelf\":\"" + shelf + "\"}").id());
            }
            HttpFixture http = server.http();
            JsonArray first = ask(http, 17);
            assertEquals(ids.get(17), first.getJsonObject(0).getString("document_id"));
            for (int again = 0; again < 3; again++) {
                assertEquals(stripped(first), stripped(ask(http, 17)), "the same answer, query " + (again + 2));
            }
            assertFalse(documents(ask(http, SHELVED + 3)).contains(ids.get(SHELVED + 3)), "the filter still excludes");

            assertEquals(200, http.delete("/documents/" + ids.get(17)).status());
            for (int again = 0; again < 2; again++) {
                JsonArray after = ask(http, 17);
                assertFalse(documents(after).contains(ids.get(17)), "a deleted document never comes back: " + after);
                assertEquals(5, after.size());
            }

            ask(http, 18);
            ask(http, 18);
            HttpFixture.Response moved = http.postJson("/documents/" + ids.get(18) + "/update_metadata",
                    "{\"metadata\":{\"shelf\":\"attic\"}}");
            assertEquals(200, moved.status(), moved::text);
            assertFalse(documents(ask(http, 18)).contains(ids.get(18)), "moved out of the filter: not a candidate");
            assertTrue(documents(chunks(http, body(token(18), 5).build())).contains(ids.get(18)), "still found unfiltered");
        }
    }

    @Test
    void aNegativeSelectionCacheRefusesToStart() {
        StartupException e = assertThrows(StartupException.class,
                () -> QuireTestServer.start(dir, Map.of("quire.index.selection-cache-mb", "-1")).close());
        assertTrue(e.getMessage().contains("quire.index.selection-cache-mb must be >= 0"), e.getMessage());
    }

    /** Asks for the document of token i among the main shelf's. */
    private static JsonArray ask(HttpFixture http, int i) {
        return chunks(http, body(token(i), 5).add("filters", MAIN_SHELF).build());
    }

    private static String text(int i) {
        return "Shelf card " + token(i) + " lists the ledger " + token(i) + " of the archive.";
    }

    private static String token(int i) {
        return TOKENS.get(i);
    }

    /** @return a word per document whose bucket no other word of the texts shares, so its document is the one match */
    private static List<String> tokens() {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (String common : List.of("shelf", "card", "lists", "the", "ledger", "of", "archive")) {
            taken.add(Math.floorMod(common.hashCode(), DIMENSIONS));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0, n = 0; i < SHELVED + 10; n++) {
            String word = "zq" + n + "x";
            if (taken.add(Math.floorMod(word.hashCode(), DIMENSIONS))) {
                out.add(word);
                i++;
            }
        }
        return out;
    }

    /** Scores, ids and texts; links carry a signing time. */
    private static List<JsonObject> stripped(JsonArray answer) {
        return answer.stream().map(RetrievalCalls::withoutLink).toList();
    }
}
