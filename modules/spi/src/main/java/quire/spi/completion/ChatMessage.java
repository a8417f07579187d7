package quire.spi.completion;

import java.util.Objects;

/**
 * One turn of a conversation sent to a language model.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** @return a {@code system} message */
    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    /** @return a {@code user} message */
    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    /** @return an {@code assistant} message */
    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
