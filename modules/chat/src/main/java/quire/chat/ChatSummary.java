package quire.chat;

import java.time.Instant;

/**
 * One entry of the conversation list (spec §1.6 {@code GET /chats}).
 *
 * @param chatId      the conversation id
 * @param title       its title, or null
 * @param createdAt   when it was started
 * @param updatedAt   when it last changed
 * @param lastMessage its newest message, or null when it has none
 */
public record ChatSummary(String chatId, String title, Instant createdAt, Instant updatedAt, ChatMessage lastMessage) {
}
