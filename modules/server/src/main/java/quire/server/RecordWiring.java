package quire.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quire.api.http.ModelRegistry;
import quire.api.http.RecordServices;
import quire.chat.ChatService;
import quire.kernel.Kernel;
import quire.spi.completion.CompletionProvider;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.storage.StorageBackend;
import quire.usage.UsageRecorder;

/**
 * Wires the services of chats, usage records and model configurations. They need storage only;
 * the model registry lists the configured embedder and completion provider (Morphik reads a
 * {@code registered_models} table of its config file; Quire's configuration is its providers).
 */
final class RecordWiring {
    /** Records waiting for the writer before callers wait for room. */
    static final int USAGE_QUEUE = 10_000;
    /** Records per usage transaction. */
    static final int USAGE_BATCH = 200;

    private RecordWiring() {
    }

    /** @return the services, or empty without a storage provider; the caller closes {@code usage()} */
    static Optional<RecordServices> create(Kernel kernel, ServerSettings settings) {
        Optional<StorageBackend> storage = kernel.provider(StorageBackend.class);
        if (storage.isEmpty()) {
            return Optional.empty();
        }
        Clock clock = Clock.systemUTC();
        return Optional.of(new RecordServices(storage.get(), clock,
                new UsageRecorder(storage.get(), USAGE_QUEUE, USAGE_BATCH), new ChatService(storage.get(), clock),
                registry(kernel, settings.authMode() == AuthMode.DEV)));
    }

    static ModelRegistry registry(Kernel kernel, boolean bypassAuth) {
        List<ModelRegistry.Entry> entries = new ArrayList<>();
        String completion = null;
        String embedding = null;
        Optional<CompletionProvider> llm = kernel.provider(CompletionProvider.class);
        if (llm.isPresent()) {
            Map<String, String> config = new LinkedHashMap<>(llm.get().info().details());
            config.put("provider", llm.get().info().id());
            String model = config.getOrDefault("model", llm.get().info().id());
            config.put("model_name", model);
            completion = "completion";
            entries.add(new ModelRegistry.Entry(completion, model, config));
        }
        Optional<Embedder> embedder = kernel.provider(Embedder.class);
        if (embedder.isPresent()) {
            EmbedderInfo info = embedder.get().embedderInfo();
            Map<String, String> config = new LinkedHashMap<>(embedder.get().info().details());
            config.put("provider", embedder.get().info().id());
            config.put("model_name", info.modelId());
            config.put("dimensions", Integer.toString(info.dimensions()));
            config.put("similarity_metric", info.metric());
            embedding = "embedding";
            entries.add(new ModelRegistry.Entry(embedding, info.modelId(), config));
        }
        return new ModelRegistry(entries, completion, embedding, bypassAuth);
    }
}
