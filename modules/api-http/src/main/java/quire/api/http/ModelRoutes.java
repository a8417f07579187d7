package quire.api.http;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.ModelConfigRecord;

/**
 * The model registry routes of spec §1.3: {@code GET /models} (this server's configured models),
 * {@code GET /models/available} (Morphik's fixed picker list), saved models
 * ({@code POST /models}, {@code GET /models/custom}, {@code DELETE /models/{model_id}}) and API
 * keys ({@code POST|GET /api-keys}). Secrets are never served in clear: an API key is always
 * {@code "***"}, and saved model configs are masked like {@code /model-config}.
 */
public final class ModelRoutes implements ApiRoutes {
    private static final List<String> PROVIDERS = List.of("openai", "anthropic", "google", "azure", "ollama", "custom");
    private static final List<String[]> AVAILABLE = List.of(
            new String[] {"gpt-4o", "GPT-4o", "openai", "OpenAI's flagship multimodal model"},
            new String[] {"gpt-4o-mini", "GPT-4o Mini", "openai", "Small, fast and affordable OpenAI model"},
            new String[] {"claude-3-5-sonnet-20241022", "Claude 3.5 Sonnet", "anthropic", "Anthropic's most capable model"},
            new String[] {"claude-3-5-haiku-20241022", "Claude 3.5 Haiku", "anthropic", "Anthropic's fastest model"},
            new String[] {"gemini/gemini-1.5-pro", "Gemini 1.5 Pro", "google", "Google's advanced reasoning model"},
            new String[] {"gemini/gemini-1.5-flash", "Gemini 1.5 Flash", "google", "Google's fast multimodal model"},
            new String[] {"deepseek/deepseek-chat", "DeepSeek Chat", "deepseek", "DeepSeek's conversational model"},
            new String[] {"groq/llama-3.3-70b-versatile", "Llama 3.3 70B (Groq)", "groq", "Meta's Llama served by Groq"},
            new String[] {"groq/llama-3.1-8b-instant", "Llama 3.1 8B Instant (Groq)", "groq", "Small Llama served by Groq"});

    private final ModelRegistry registry;
    private final SavedModels saved;
    private final quire.spi.storage.StorageBackend storage;

    public ModelRoutes(RecordServices services) {
        this.registry = services.models();
        this.storage = services.storage();
        this.saved = new SavedModels(services.storage(), services.clock());
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/models", this::models)
                .get("/models/available", this::available)
                .post("/models", this::save)
                .get("/models/custom", this::custom)
                .delete("/models/{model_id}", this::delete)
                .post("/api-keys", this::saveKey)
                .get("/api-keys", this::keys);
    }

    /** Morphik guesses a provider from the model name's prefix. */
    static String guessProvider(String modelName) {
        String name = modelName.toLowerCase(Locale.ROOT);
        if (name.startsWith("gpt")) {
            return "openai";
        } else if (name.startsWith("claude")) {
            return "anthropic";
        } else if (name.startsWith("gemini")) {
            return "google";
        } else if (name.startsWith("ollama")) {
            return "ollama";
        } else if (name.contains("azure")) {
            return "azure";
        }
        return "custom";
    }

    private void models(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder chat = Json.createArrayBuilder();
        JsonArrayBuilder embedding = Json.createArrayBuilder();
        for (ModelRegistry.Entry e : registry.models()) {
            JsonObject item = Json.createObjectBuilder().add("id", e.key()).add("model", e.modelName())
                    .add("provider", guessProvider(e.modelName())).add("config", SecretMasking.mask(e.config())).build();
            (e.key().contains("embedding") ? embedding : chat).add(item);
        }
        JsonObjectBuilder defaults = Json.createObjectBuilder();
        nullable(defaults, "completion", registry.defaultCompletion());
        nullable(defaults, "embedding", registry.defaultEmbedding());
        JsonArrayBuilder providers = Json.createArrayBuilder();
        PROVIDERS.forEach(providers::add);
        JsonResponses.send(res, Json.createObjectBuilder().add("chat_models", chat).add("embedding_models", embedding)
                .add("default_models", defaults).add("providers", providers).build());
    }

    private void available(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder models = Json.createArrayBuilder();
        ModelRegistry.Entry configured = registry.completion();
        if (configured != null && AVAILABLE.stream().noneMatch(a -> a[0].equals(configured.modelName()))) {
            models.add(Json.createObjectBuilder().add("id", configured.modelName())
                    .add("name", configured.key() + " (Configured)").add("provider", "configured")
                    .add("description", "The completion model this server is configured with"));
        }
        for (String[] a : AVAILABLE) {
            models.add(Json.createObjectBuilder().add("id", a[0]).add("name", a[1]).add("provider", a[2])
                    .add("description", a[3]));
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("models", models).build());
    }

    private void save(ServerRequest req, ServerResponse res) {
        JsonFields body = JsonBody.object(req);
        String name = body.requiredString("name");
        String provider = body.requiredString("provider");
        JsonObject config = requiredObject(body, "config");
        body.validate();
        AccessScope scope = SavedModels.scope(Principal.of(req), registry.bypassAuth());
        String now = IsoTimes.format(saved.now());
        JsonObject model = Json.createObjectBuilder().add("id", UUID.randomUUID().toString()).add("name", name)
                .add("provider", provider).add("config", config).add("created_at", now).add("updated_at", now).build();
        saved.add(scope, model);
        JsonResponses.send(res, savedModel(model));
    }

    private void custom(ServerRequest req, ServerResponse res) {
        AccessScope scope = SavedModels.scope(Principal.of(req), registry.bypassAuth());
        JsonArrayBuilder out = Json.createArrayBuilder();
        saved.list(scope).stream().filter(m -> m.containsKey("name")).map(ModelRoutes::savedModel).forEach(out::add);
        JsonResponses.send(res, out.build());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        AccessScope scope = SavedModels.scope(Principal.of(req), registry.bypassAuth());
        if (!saved.remove(scope, req.path().pathParameters().get("model_id"))) {
            throw ApiException.notFound("Model not found");
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("message", "Model deleted successfully").build());
    }

    private void saveKey(ServerRequest req, ServerResponse res) {
        JsonFields body = JsonBody.object(req);
        String provider = body.requiredString("provider");
        String apiKey = body.requiredString("api_key");
        String baseUrl = body.optionalString("base_url");
        body.validate();
        if (SavedModels.CUSTOM.equals(provider)) {
            // that record holds the saved models; a key stored over it would erase them
            throw ApiException.badRequest("Provider 'custom' is reserved for saved models");
        }
        AccessScope scope = SavedModels.scope(Principal.of(req), registry.bypassAuth());
        JsonObjectBuilder data = Json.createObjectBuilder().add("apiKey", apiKey);
        if (baseUrl != null) {
            data.add("baseUrl", baseUrl);
        }
        String json = data.build().toString();
        List<ModelConfigRecord> existing = storage.listModelConfigs(scope, provider);
        if (existing.isEmpty()) {
            java.time.Instant now = saved.now();
            storage.insertModelConfig(new ModelConfigRecord(UUID.randomUUID().toString(), scope.ownerId(),
                    scope.appId(), provider, json, now, now));
        } else {
            storage.updateModelConfig(scope, existing.getFirst().id(), json, saved.now(), null);
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("message", "API key saved successfully").build());
    }

    private void keys(ServerRequest req, ServerResponse res) {
        AccessScope scope = SavedModels.scope(Principal.of(req), registry.bypassAuth());
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (ModelConfigRecord r : storage.listModelConfigs(scope, null)) {
            if (SavedModels.CUSTOM.equals(r.provider())) {
                continue;
            }
            JsonObject data = SavedModels.parse(r.configDataJson());
            boolean configured = data.get("apiKey") instanceof JsonString s && !s.getString().isEmpty();
            JsonValue baseUrl = data.getOrDefault("baseUrl", JsonValue.NULL);
            out.add(r.provider(), Json.createObjectBuilder()
                    .add("apiKey", configured ? Json.createValue(SecretMasking.MASK) : JsonValue.NULL)
                    .add("baseUrl", baseUrl).add("configured", configured));
        }
        JsonResponses.send(res, out.build());
    }

    private static JsonObject savedModel(JsonObject model) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (String key : List.of("id", "name", "provider", "config", "created_at", "updated_at")) {
            JsonValue v = model.getOrDefault(key, JsonValue.NULL);
            b.add(key, key.equals("config") ? SecretMasking.mask(v) : v);
        }
        return b.build();
    }

    /** A required object field: 422 {@code missing} or {@code dict_type} like pydantic. */
    static JsonObject requiredObject(JsonFields body, String name) {
        if (!body.has(name)) {
            body.addError(name, "missing", "Field required");
            return null;
        }
        if (body.json().get(name) == JsonValue.NULL) {
            body.addError(name, "dict_type", "Input should be a valid dictionary");
            return null;
        }
        return body.optionalObject(name);
    }

    private static void nullable(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }
}
