package quire.api.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The models this server is configured with, served by {@code GET /models} in the shape of
 * Morphik's {@code registered_models} table (spec §1.3): one entry per configured provider, keyed
 * like Morphik's config keys ({@code completion}, {@code embedding}).
 *
 * @param models             the entries
 * @param defaultCompletion  key of the completion model, or null when none is configured
 * @param defaultEmbedding   key of the embedding model, or null
 * @param bypassAuth         dev mode: a caller without an app keeps its model records under app
 *                           {@code dev}, as Morphik's bypass mode does, instead of a 400
 */
public record ModelRegistry(List<Entry> models, String defaultCompletion, String defaultEmbedding,
                            boolean bypassAuth) {
    public ModelRegistry {
        models = List.copyOf(models);
    }

    /** @return a registry without models */
    public static ModelRegistry empty(boolean bypassAuth) {
        return new ModelRegistry(List.of(), null, null, bypassAuth);
    }

    /** @return the configured completion entry, or null */
    public Entry completion() {
        return models.stream().filter(e -> e.key().equals(defaultCompletion)).findFirst().orElse(null);
    }

    /**
     * One registered model.
     *
     * @param key       the registry key (Morphik's id); a key containing {@code embedding} lists it as an embedding model
     * @param modelName the model's name as its provider knows it
     * @param config    the provider's facts (masked again when served)
     */
    public record Entry(String key, String modelName, Map<String, String> config) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(modelName, "modelName");
            config = Map.copyOf(config);
        }
    }
}
