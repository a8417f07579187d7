/**
 * Quire chat: conversations kept in storage (spec §2.4) — history as Morphik's ChatMessage
 * objects, titles derived from the first user message, listing and renaming. {@code /query}
 * loads and appends history through {@link quire.chat.ChatService}.
 */
module quire.chat {
    requires quire.json;
    requires transitive quire.spi;
    requires transitive jakarta.json;

    exports quire.chat;
}
