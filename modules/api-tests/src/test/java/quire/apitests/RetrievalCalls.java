package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The retrieval routes called the way the Python SDK calls them, and the checks every answer must pass. */
final class RetrievalCalls {

    private RetrievalCalls() {
    }

    /** @return the SDK 1.x {@code retrieve_chunks} body: {@code {filters, k, min_score, use_colpali, query}} */
    static JsonObjectBuilder body(String query, int k) {
        return Json.createObjectBuilder().addNull("filters").add("k", k).add("min_score", 0.0).add("use_colpali", true)
                .add("query", query);
    }

    /** POST /retrieve/chunks, expecting 200; checks scores lie in [0,1] and descend (padding after hits). */
    static JsonArray chunks(HttpFixture http, JsonObject body) {
        HttpFixture.Response r = http.postJson("/retrieve/chunks", body);
        assertEquals(200, r.status(), r::text);
        JsonArray out = r.array();
        assertScoresDescend(out);
        return out;
    }

    static JsonArray chunks(HttpFixture http, String query, int k) {
        return chunks(http, body(query, k).build());
    }

    /** Scores in [0, 1], descending among hits; padding chunks (score 0) only after the hits. */
    static void assertScoresDescend(JsonArray results) {
        double previous = Double.MAX_VALUE;
        boolean padding = false;
        for (JsonValue v : results) {
            JsonObject o = v.asJsonObject();
            double score = o.getJsonNumber("score").doubleValue();
            assertTrue(score >= 0.0 && score <= 1.0, "score in [0,1]: " + score);
            if (o.getBoolean("is_padding", false)) {
                padding = true;
                assertEquals(0.0, score, "padding chunks score 0");
                continue;
            }
            assertTrue(!padding, "a hit after padding chunks: " + results);
            assertTrue(score <= previous, "scores descend: " + results);
            previous = score;
        }
    }

    /** @return {@code document_id#chunk_number} of every result */
    static List<String> keys(JsonArray results) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : results) {
            JsonObject o = v.asJsonObject();
            out.add(o.getString("document_id") + "#" + o.getInt("chunk_number"));
        }
        return out;
    }

    /** @return the distinct document ids of the results, in order */
    static List<String> documents(JsonArray results) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : results) {
            String id = v.asJsonObject().getString("document_id");
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** @return the result without its download link (signed links carry a time) */
    static JsonObject withoutLink(JsonValue result) {
        return Json.createObjectBuilder(result.asJsonObject()).remove("download_url").build();
    }
}
