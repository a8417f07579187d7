package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.Method;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

/** The tracked-operation table and the token estimate. */
class UsageTrackingTest {

    @Test
    void tokensAreTheWordsOfQueryOrContent() {
        assertEquals(3, UsageTracking.wordCount(Json.createObjectBuilder().add("query", "  one\ttwo\n three ").build()));
        assertEquals(2, UsageTracking.wordCount(Json.createObjectBuilder().add("content", "a b").build()));
        // query wins over content, as a completion request carries both only through /query
        assertEquals(1, UsageTracking.wordCount(Json.createObjectBuilder().add("content", "a b c")
                .add("query", "q").build()));
        assertEquals(0, UsageTracking.wordCount(Json.createObjectBuilder().add("query", 5).build()));
        assertEquals(0, UsageTracking.wordCount(Json.createObjectBuilder().add("query", "").build()));
        assertEquals(0, UsageTracking.wordCount(JsonValue.EMPTY_JSON_ARRAY));
        assertEquals(0, UsageTracking.wordCount(null));
    }

    @Test
    void onlyTheListedRegistrationsAreTracked() {
        assertNotNull(UsageTracking.operationOf(Method.POST, "/ingest/text"));
        assertNotNull(UsageTracking.operationOf(Method.POST, "/query"));
        assertNotNull(UsageTracking.operationOf(Method.DELETE, "/documents/{document_id}"));
        assertNull(UsageTracking.operationOf(Method.GET, "/documents/{document_id}"));
        assertNull(UsageTracking.operationOf(Method.GET, "/usage/stats"));
        assertNull(UsageTracking.operationOf(Method.GET, "/logs"));
        assertNull(UsageTracking.operationOf(Method.POST, "/ingest/text/"));
        assertTrue(UsageTracking.operationOf(Method.POST, "/retrieve/chunks") != null);
    }
}
