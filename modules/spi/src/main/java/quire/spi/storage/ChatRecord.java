package quire.spi.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat conversation (spec §2.4): its scope, its title and its history, a JSON array of message
 * objects ({@code {role, content, timestamp, ...}}) that storage keeps as opaque text.
 *
 * @param id          the conversation id (Morphik's {@code chat_id}, chosen by the client)
 * @param ownerId     the user who started it
 * @param appId       the app it belongs to, or null
 * @param title       its title, or null when none was derived or set
 * @param historyJson the messages, oldest first, as a JSON array; {@code []} when null or blank
 * @param createdAt   when it was started
 * @param updatedAt   when a message was last appended or the title changed
 */
public record ChatRecord(String id, String ownerId, String appId, String title, String historyJson,
                         Instant createdAt, Instant updatedAt) {
    public ChatRecord {
        Objects.requireNonNull(id, "id");
        historyJson = historyJson == null || historyJson.isBlank() ? "[]" : historyJson;
    }
}
