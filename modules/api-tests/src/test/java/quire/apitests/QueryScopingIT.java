package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.QueryExtractiveIT.sdkBody;

import java.nio.file.Path;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.AccessScope;

/**
 * {@code /query} in jwt mode: a caller's answer quotes only the documents it may see, and a
 * {@code chat_id} naming another caller's conversation is neither read nor written (the
 * question is answered without that history; the owner's conversation is unchanged).
 */
class QueryScopingIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture alice;
    static HttpFixture bob;
    static HttpFixture noToken;

    @BeforeAll
    static void start() {
        server = TestingJwt.start(dir);
        alice = server.http().withToken(TestingJwt.token("alice"));
        bob = server.http().withToken(TestingJwt.token("bob"));
        noToken = server.http();
        new TestingDocuments(server, true).text(new AccessScope("alice", null), "secret.txt",
                "The vault combination is hidden under the volcano statue.");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersQuoteOnlyTheCallersDocuments() {
        JsonObject mine = alice.postJson("/query", sdkBody("Where is the vault combination?").build()).object();
        assertTrue(mine.getString("completion").contains("vault combination"), mine::toString);
        assertEquals(1, mine.getJsonArray("sources").size());

        HttpFixture.Response theirs = bob.postJson("/query", sdkBody("Where is the vault combination?").build());
        assertEquals(200, theirs.status(), theirs::text);
        assertFalse(theirs.text().contains("vault combination is hidden"), theirs::text);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, theirs.object().getJsonArray("sources"));
    }

    @Test
    void anotherCallersChatIsNeitherReadNorWritten() {
        assertEquals(200, alice.postJson("/query", sdkBody("Where is the vault combination?")
                .add("chat_id", "alice-chat").build()).status());
        HttpFixture.Response bobs = bob.postJson("/query", sdkBody("What did alice ask?").add("chat_id", "alice-chat")
                .build());
        assertEquals(200, bobs.status(), bobs::text);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, bob.get("/chat/alice-chat").json());
        JsonArray history = alice.get("/chat/alice-chat").array();
        assertEquals(2, history.size(), "bob's turns never reach alice's conversation: " + history);
        assertEquals("Where is the vault combination?", history.getJsonObject(0).getString("content"));
    }

    @Test
    void queryNeedsAToken() {
        HttpFixture.Response r = noToken.postJson("/query", sdkBody("vault").build());
        assertEquals(401, r.status(), r::text);
    }
}
