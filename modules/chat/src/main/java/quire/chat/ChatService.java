package quire.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import quire.spi.storage.AccessScope;
import quire.spi.storage.ChatRecord;
import quire.spi.storage.StorageBackend;

/**
 * Conversations in storage, as Morphik keeps them: a history of {@link ChatMessage}s per
 * conversation id, visible in the caller's scope only, titled after the first user message
 * (its first {@value #TITLE_LENGTH} characters, plus {@code ...} when longer).
 */
public final class ChatService {
    /** Characters of the first user message kept in a derived title. */
    public static final int TITLE_LENGTH = 50;

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private final StorageBackend storage;
    private final Clock clock;

    public ChatService(StorageBackend storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return a message stamped now, in Python's {@code isoformat()} shape */
    public ChatMessage message(String role, String content) {
        return new ChatMessage(role, content, ISO.format(clock.instant()), null);
    }

    /** @return the conversation's messages, oldest first; empty when unknown or not visible */
    public List<ChatMessage> history(AccessScope scope, String chatId) {
        return storage.findChat(scope, chatId).map(c -> ChatMessage.parseHistory(c.historyJson())).orElse(List.of());
    }

    /**
     * Appends messages, starting the conversation (titled from its first user message) when new.
     *
     * @return false when the id belongs to a conversation the caller cannot see: nothing written
     */
    public boolean append(AccessScope scope, String chatId, List<ChatMessage> messages) {
        return storage.appendChatMessages(scope, chatId, messages.stream().map(m -> m.toJson().toString()).toList(),
                titleFrom(messages), clock.instant());
    }

    /** @return the visible conversations, most recently updated first, at most {@code limit} */
    public List<ChatSummary> list(AccessScope scope, int limit) {
        return storage.listChats(scope, limit).stream().map(ChatService::summary).toList();
    }

    /** @return false when the conversation is not visible in the scope */
    public boolean rename(AccessScope scope, String chatId, String title) {
        return storage.updateChatTitle(scope, chatId, title, clock.instant());
    }

    /** @return the title Morphik derives from the first user message, or null without one */
    public static String titleFrom(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (ChatMessage.USER.equals(m.role())) {
                String content = m.content();
                if (content.codePointCount(0, content.length()) <= TITLE_LENGTH) {
                    return content;
                }
                return content.substring(0, content.offsetByCodePoints(0, TITLE_LENGTH)) + "...";
            }
        }
        return null;
    }

    private static ChatSummary summary(ChatRecord chat) {
        List<ChatMessage> history = ChatMessage.parseHistory(chat.historyJson());
        return new ChatSummary(chat.id(), chat.title(), chat.createdAt(), chat.updatedAt(),
                history.isEmpty() ? null : history.getLast());
    }

    /** @return the instant in Python's {@code isoformat()} shape (microseconds, {@code +00:00}) */
    public static String isoFormat(Instant instant) {
        return ISO.format(instant);
    }
}
