package quire.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.spi.storage.AccessScope;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** Titles, history round trips and scoping of conversations over real SQLite. */
class ChatServiceTest {
    private static final AccessScope ALICE = new AccessScope("alice", null);
    private static final AccessScope BOB = new AccessScope("bob", null);

    @TempDir
    Path dir;
    StorageBackend storage;
    ChatService chats;

    @BeforeEach
    void open() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        storage = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                TestingPluginContext.of(dir, "jdbc"));
        chats = new ChatService(storage, Clock.fixed(Instant.parse("2026-02-03T04:05:06.789Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    @Test
    void titleIsTheFirstUserMessageCutAtFiftyCodePoints() {
        String fifty = "x".repeat(50);
        assertEquals(fifty, ChatService.titleFrom(List.of(chats.message("user", fifty))));
        assertEquals(fifty + "...", ChatService.titleFrom(List.of(chats.message("user", fifty + "y"))));
        String emoji = "🚀".repeat(51);
        assertEquals("🚀".repeat(50) + "...", ChatService.titleFrom(List.of(chats.message("user", emoji))));
        assertEquals("q", ChatService.titleFrom(List.of(chats.message("assistant", "a"), chats.message("user", "q"))));
        assertNull(ChatService.titleFrom(List.of(chats.message("assistant", "a"))));
    }

    @Test
    void historyRoundTripsAndListsWithTheLastMessage() {
        ChatMessage question = chats.message("user", "What is \"Quire\"? A long question that goes on and on past fifty");
        ChatMessage answer = new ChatMessage("assistant", "A server.", "2026-02-03T04:05:07.000000+00:00",
                Json.createObjectBuilder().add("tool", "search").build());
        assertEquals("2026-02-03T04:05:06.789000+00:00", question.timestamp());
        assertTrue(chats.append(ALICE, "c1", List.of(question, answer)));
        assertEquals(List.of(question, answer), chats.history(ALICE, "c1"));
        List<ChatSummary> listed = chats.list(ALICE, 10);
        assertEquals(1, listed.size());
        assertEquals("What is \"Quire\"? A long question that goes on and ...", listed.get(0).title());
        assertEquals(answer, listed.get(0).lastMessage());
        assertTrue(chats.rename(ALICE, "c1", "Renamed"));
        assertEquals("Renamed", chats.list(ALICE, 10).get(0).title());
    }

    @Test
    void anotherUsersConversationIsInvisibleAndUntouched() {
        assertTrue(chats.append(ALICE, "c1", List.of(chats.message("user", "mine"))));
        assertEquals(List.of(), chats.history(BOB, "c1"));
        assertFalse(chats.append(BOB, "c1", List.of(chats.message("user", "theirs"))));
        assertFalse(chats.rename(BOB, "c1", "stolen"));
        assertEquals(List.of(), chats.list(BOB, 10));
        assertEquals(1, chats.history(ALICE, "c1").size());
        assertEquals("mine", chats.list(ALICE, 10).get(0).title());
    }
}
