package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.chat.ChatService;
import quire.spi.storage.AccessScope;

/**
 * The chat history routes over real HTTP in jwt mode. Conversations are seeded through the
 * server's ChatService (the routes that create them, {@code /query}, live elsewhere). Another
 * user's conversation reads as {@code []} and cannot be renamed (404), as Morphik answers.
 */
class ChatRoutesIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture alice;
    static HttpFixture bob;
    static HttpFixture aliceInApp;
    static HttpFixture bobInApp;
    static ChatService chats;

    @BeforeAll
    static void start() {
        server = TestingJwt.start(dir);
        alice = server.http().withToken(TestingJwt.token("alice"));
        bob = server.http().withToken(TestingJwt.token("bob"));
        aliceInApp = server.http().withToken(TestingJwt.token("alice", "app-1"));
        bobInApp = server.http().withToken(TestingJwt.token("bob", "app-1"));
        chats = server.server().records().orElseThrow().chats();
        AccessScope a = new AccessScope("alice", null);
        assertTrue(chats.append(a, "older", List.of(chats.message("user", "short question"),
                chats.message("assistant", "short answer"))));
        assertTrue(chats.append(a, "newer", List.of(chats.message("user",
                "A question much longer than fifty characters, so the title is cut"))));
        assertTrue(chats.append(new AccessScope("alice", "app-1"), "shared", List.of(chats.message("user", "app chat"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void historyIsTheStoredMessagesAndEmptyForUnknownOrForeignChats() {
        HttpFixture.Response r = alice.get("/chat/older");
        assertEquals(200, r.status(), r.text());
        JsonArray messages = r.array();
        assertEquals(2, messages.size());
        assertEquals("user", messages.getJsonObject(0).getString("role"));
        assertEquals("short question", messages.getJsonObject(0).getString("content"));
        assertTrue(messages.getJsonObject(0).getString("timestamp").endsWith("+00:00"));
        assertEquals("assistant", messages.getJsonObject(1).getString("role"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, bob.get("/chat/older").json());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, alice.get("/chat/no-such-chat").json());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, bob.get("/chat/" + HttpFixture.enc("a b")).json());
    }

    @Test
    void listIsNewestFirstWithDerivedTitlesAndLastMessages() {
        // other tests add and rename conversations: look at the seeded three only
        List<JsonObject> list = alice.get("/chats").array().stream().map(JsonValue::asJsonObject)
                .filter(c -> List.of("shared", "newer", "older").contains(c.getString("chat_id"))).toList();
        // alice without an app owns her conversations, including the one made under app-1
        assertEquals(List.of("shared", "newer", "older"), list.stream().map(c -> c.getString("chat_id")).toList());
        JsonObject newer = list.get(1);
        assertEquals("A question much longer than fifty characters, so t...", newer.getString("title"));
        assertEquals("user", newer.getJsonObject("last_message").getString("role"));
        assertTrue(newer.getString("created_at").endsWith("+00:00"));
        assertTrue(newer.containsKey("updated_at"));
        assertEquals("short answer", list.get(2).getJsonObject("last_message").getString("content"));
        assertEquals(1, alice.get("/chats?limit=1").array().size());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, bob.get("/chats").json());
        // an app token sees the app's conversations, whoever started them
        assertEquals(List.of("shared"), bobInApp.get("/chats").array().stream()
                .map(v -> v.asJsonObject().getString("chat_id")).toList());
        assertEquals("app chat", bobInApp.get("/chat/shared").array().getJsonObject(0).getString("content"));
    }

    @Test
    void badLimitsAre422() {
        for (String limit : List.of("0", "501", "abc")) {
            HttpFixture.Response r = alice.get("/chats?limit=" + limit);
            assertEquals(422, r.status(), r.text());
            assertEquals("limit", r.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").getString(1));
        }
        assertEquals(200, alice.get("/chats?limit=500").status());
    }

    @Test
    void titleIsRenamedOnlyByWhoeverSeesTheChat() {
        assertTrue(chats.append(new AccessScope("alice", null), "renamed", List.of(chats.message("user", "x"))));
        HttpFixture.Response r = alice.patch("/chats/renamed/title?title=" + HttpFixture.enc("My title é"));
        assertEquals(200, r.status(), r.text());
        assertEquals("success", r.object().getString("status"));
        assertEquals("Chat title updated successfully", r.object().getString("message"));
        assertEquals("My title é", r.object().getString("title"));
        assertEquals("My title é", alice.get("/chats").array().stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("chat_id").equals("renamed")).findFirst().orElseThrow().getString("title"));

        HttpFixture.Response foreign = bob.patch("/chats/renamed/title?title=stolen");
        assertEquals(404, foreign.status());
        assertEquals("Chat not found or access denied", foreign.detail());
        assertEquals(404, alice.patch("/chats/no-such-chat/title?title=x").status());
        HttpFixture.Response missing = alice.patch("/chats/renamed/title");
        assertEquals(422, missing.status());
        assertEquals("missing", missing.object().getJsonArray("detail").getJsonObject(0).getString("type"));
        assertEquals("My title é", alice.get("/chats").array().stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("chat_id").equals("renamed")).findFirst().orElseThrow().getString("title"));
        // the app's conversation is renamed by another user of the app
        assertEquals(200, bobInApp.patch("/chats/shared/title?title=team").status());
        assertEquals("team", aliceInApp.get("/chats").array().getJsonObject(0).getString("title"));
    }

    @Test
    void unauthenticatedIs401() {
        assertEquals(401, server.http().get("/chats").status());
        assertEquals(401, server.http().get("/chat/older").status());
    }
}
