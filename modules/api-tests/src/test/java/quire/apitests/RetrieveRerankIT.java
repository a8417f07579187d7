package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static quire.apitests.RetrievalCalls.body;
import static quire.apitests.RetrievalCalls.chunks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code use_reranking} drives the configured Reranker: true rescores the candidates with it,
 * false keeps the vector order, null follows {@code quire.retrieval.use-reranking}; /health names
 * the reranker in use.
 */
class RetrieveRerankIT {
    private static final String QUERY = "lion savanna pride";

    @TempDir
    Path dir;

    private record Corpus(String lions, String zebra) {
    }

    private static Corpus ingest(QuireTestServer server) {
        TestingDocuments docs = new TestingDocuments(server);
        String lions = docs.create(TestingDocuments.DEV, null, null, "lions.txt", null,
                "A lion pride rests on the savanna; every lion of the pride sleeps.".getBytes(StandardCharsets.UTF_8),
                true, "{}").id();
        String zebra = docs.create(TestingDocuments.DEV, null, null, "zebra.txt", null,
                "A zebra watches the lion from afar.".getBytes(StandardCharsets.UTF_8), true, "{}").id();
        return new Corpus(lions, zebra);
    }

    private static QuireTestServer start(Path dir, boolean rerankByDefault) {
        return QuireTestServer.start(dir, Map.of("quire.reranker.provider", TestingRerankerFactory.ID,
                "quire.retrieval.use-reranking", Boolean.toString(rerankByDefault),
                "quire.embedder.testing.dimensions", "512"), Map.of(), List.of(new TestingRerankerFactory()));
    }

    @Test
    void useRerankingChoosesBetweenTheRerankerAndTheVectorOrder() {
        try (QuireTestServer server = start(dir, false)) {
            Corpus c = ingest(server);
            JsonArray plain = chunks(server.http(), body(QUERY, 2).add("use_reranking", false).build());
            assertEquals(c.lions(), plain.getJsonObject(0).getString("document_id"), "vector order: the lion text");
            JsonArray byDefault = chunks(server.http(), body(QUERY, 2).add("use_reranking", JsonValue.NULL).build());
            assertEquals(RetrievalCalls.keys(plain), RetrievalCalls.keys(byDefault), "null follows the server default (off)");
            JsonArray reranked = chunks(server.http(), body(QUERY, 2).add("use_reranking", true).build());
            assertEquals(c.zebra(), reranked.getJsonObject(0).getString("document_id"), "the reranker's favourite first");
            assertEquals(0.9, reranked.getJsonObject(0).getJsonNumber("score").doubleValue(), 1e-9);
            assertEquals(0.2, reranked.getJsonObject(1).getJsonNumber("score").doubleValue(), 1e-9);
            HttpFixture.Response docs = server.http().postJson("/retrieve/docs", body(QUERY, 1).add("use_reranking", true).build());
            assertEquals(c.zebra(), docs.array().getJsonObject(0).getString("document_id"));

            JsonObject reranker = RetrieveRoutesIT.service(server.http().get("/health").object(), "reranker");
            assertEquals(TestingRerankerFactory.ID, reranker.getJsonObject("details").getString("provider"));
            assertEquals("zebra", reranker.getJsonObject("details").getString("favourite"));
        }
    }

    @Test
    void theServerDefaultCanTurnRerankingOn() {
        try (QuireTestServer server = start(dir, true)) {
            Corpus c = ingest(server);
            JsonArray byDefault = chunks(server.http(), QUERY, 2);
            assertEquals(c.zebra(), byDefault.getJsonObject(0).getString("document_id"));
            JsonArray off = chunks(server.http(), body(QUERY, 2).add("use_reranking", false).build());
            assertEquals(c.lions(), off.getJsonObject(0).getString("document_id"));
        }
    }
}
