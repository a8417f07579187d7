package quire.chat;

import java.io.StringReader;
import java.util.Objects;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Morphik's ChatMessage (spec §2.4): {@code {role, content, timestamp, agent_data?}}.
 *
 * @param role      {@code user} or {@code assistant}
 * @param content   the text (a structured completion is stored JSON-encoded, as Morphik does)
 * @param timestamp ISO-8601 text as written when the message was appended
 * @param agentData extra data of agent turns, or null
 */
public record ChatMessage(String role, String content, String timestamp, JsonObject agentData) {
    /** Role of the caller's turns. */
    public static final String USER = "user";
    /** Role of the answers. */
    public static final String ASSISTANT = "assistant";

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** @return the JSON object stored and served */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("role", role).add("content", content)
                .add("timestamp", timestamp);
        if (agentData != null) {
            b.add("agent_data", agentData);
        }
        return b.build();
    }

    /** @return the message a stored object holds (missing fields become empty text) */
    public static ChatMessage fromJson(JsonObject json) {
        JsonValue agent = json.get("agent_data");
        return new ChatMessage(text(json, "role"), text(json, "content"), text(json, "timestamp"),
                agent instanceof JsonObject o ? o : null);
    }

    private static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    /** @return the messages of a stored history (a JSON array of objects; other elements are skipped) */
    static java.util.List<ChatMessage> parseHistory(String historyJson) {
        try (JsonReader reader = Json.createReader(new StringReader(historyJson))) {
            return reader.readArray().stream().filter(v -> v instanceof JsonObject)
                    .map(v -> fromJson(v.asJsonObject())).toList();
        }
    }
}
