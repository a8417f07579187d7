package quire.api.http;

import java.time.Clock;
import java.util.Objects;

import quire.chat.ChatService;
import quire.spi.storage.StorageBackend;
import quire.usage.UsageRecorder;

/**
 * The services of the per-user records that are not documents: chat conversations, usage
 * records and model configurations, wired by the server. They need storage only, so they are
 * served even when no embedder or blob store is configured.
 *
 * @param storage the source of truth
 * @param clock   time
 * @param usage   records tracked operations durably (closed by the server after the HTTP layer)
 * @param chats   chat conversations
 * @param models  the configured models, for the model registry routes
 */
public record RecordServices(StorageBackend storage, Clock clock, UsageRecorder usage, ChatService chats,
                             ModelRegistry models) {
    public RecordServices {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(chats, "chats");
        Objects.requireNonNull(models, "models");
    }
}
