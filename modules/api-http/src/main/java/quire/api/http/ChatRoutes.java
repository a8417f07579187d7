package quire.api.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import quire.chat.ChatMessage;
import quire.chat.ChatService;
import quire.chat.ChatSummary;
import quire.spi.storage.AccessScope;

/**
 * The chat history routes of spec §1.6 (HEAD): {@code GET /chat/{chat_id}} (the messages, or
 * {@code []} for an unknown or invisible conversation, never a 404 — as Morphik answers),
 * {@code GET /chats?limit=} and {@code PATCH /chats/{chat_id}/title?title=} (404 for a
 * conversation the caller cannot see). Conversations are created by {@code /query} with a
 * {@code chat_id}.
 */
public final class ChatRoutes implements ApiRoutes {
    private final ChatService chats;

    public ChatRoutes(RecordServices services) {
        this.chats = services.chats();
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/chat/{chat_id}", this::history)
                .get("/chats", this::list)
                .patch("/chats/{chat_id}/title", this::rename);
    }

    private void history(ServerRequest req, ServerResponse res) {
        AccessScope scope = Principal.of(req).scope();
        JsonArrayBuilder out = Json.createArrayBuilder();
        chats.history(scope, req.path().pathParameters().get("chat_id")).forEach(m -> out.add(m.toJson()));
        JsonResponses.send(res, out.build());
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonFields query = QueryParams.of(req);
        Long limit = query.integer("limit", 100L, 1, 500);
        query.validate();
        AccessScope scope = Principal.of(req).scope();
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (ChatSummary chat : chats.list(scope, limit.intValue())) {
            JsonObjectBuilder item = Json.createObjectBuilder().add("chat_id", chat.chatId());
            if (chat.title() == null) {
                item.addNull("title");
            } else {
                item.add("title", chat.title());
            }
            item.add("created_at", IsoTimes.format(chat.createdAt())).add("updated_at", IsoTimes.format(chat.updatedAt()));
            ChatMessage last = chat.lastMessage();
            if (last == null) {
                item.addNull("last_message");
            } else {
                item.add("last_message", last.toJson());
            }
            out.add(item);
        }
        JsonResponses.send(res, out.build());
    }

    private void rename(ServerRequest req, ServerResponse res) {
        JsonFields query = QueryParams.of(req);
        String title = query.requiredString("title");
        query.validate();
        AccessScope scope = Principal.of(req).scope();
        if (!chats.rename(scope, req.path().pathParameters().get("chat_id"), title)) {
            throw ApiException.notFound("Chat not found or access denied");
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("status", "success")
                .add("message", "Chat title updated successfully").add("title", title).build());
    }
}
