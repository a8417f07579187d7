package quire.api.http;

import java.time.Instant;
import java.util.UUID;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.ModelConfigRecord;
import quire.spi.storage.StorageBackend;

/**
 * The model-config routes of spec §1.12 (removed upstream; FULL contract): per-(user, app)
 * provider configurations, answered with every API key masked, and custom models kept in the
 * {@code custom} record. {@code /model-config} and {@code /model-config/} are both served (the
 * SDK never follows FastAPI's redirect). Unlike FULL, a token without user or app is a 400 on
 * every route (FULL wrapped it into a 500 on the list routes).
 */
public final class ModelConfigRoutes implements ApiRoutes {
    private static final String NOT_FOUND = "Model configuration not found";

    private final StorageBackend storage;
    private final SavedModels saved;
    private final boolean bypassAuth;

    public ModelConfigRoutes(RecordServices services) {
        this.storage = services.storage();
        this.saved = new SavedModels(services.storage(), services.clock());
        this.bypassAuth = services.models().bypassAuth();
    }

    @Override
    public void register(ApiRouter router) {
        router.routeBothSlashes(io.helidon.http.Method.GET, "/model-config/", this::list)
                .routeBothSlashes(io.helidon.http.Method.POST, "/model-config/", this::create)
                .get("/model-config/custom-models/list", this::customModels)
                .post("/model-config/custom-models", this::createCustomModel)
                .get("/model-config/{config_id}", this::get)
                .put("/model-config/{config_id}", this::update)
                .delete("/model-config/{config_id}", this::delete);
    }

    private AccessScope scope(ServerRequest req) {
        return SavedModels.scope(Principal.of(req), bypassAuth);
    }

    private void list(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        storage.listModelConfigs(scope(req), null).forEach(r -> out.add(view(r)));
        JsonResponses.send(res, out.build());
    }

    private void get(ServerRequest req, ServerResponse res) {
        JsonResponses.send(res, view(storage.findModelConfig(scope(req), configId(req))
                .orElseThrow(() -> ApiException.notFound(NOT_FOUND))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonFields body = JsonBody.object(req);
        String provider = body.requiredString("provider");
        JsonObject data = ModelRoutes.requiredObject(body, "config_data");
        body.validate();
        AccessScope scope = scope(req);
        Instant now = saved.now();
        ModelConfigRecord record = new ModelConfigRecord(UUID.randomUUID().toString(), scope.ownerId(), scope.appId(),
                provider, data.toString(), now, now);
        storage.insertModelConfig(record);
        JsonResponses.send(res, view(record));
    }

    private void update(ServerRequest req, ServerResponse res) {
        JsonFields body = JsonBody.object(req);
        JsonObject data = ModelRoutes.requiredObject(body, "config_data");
        body.validate();
        AccessScope scope = scope(req);
        String id = configId(req);
        if (!storage.updateModelConfig(scope, id, data.toString(), saved.now(), null)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        get(req, res);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        if (!storage.deleteModelConfig(scope(req), configId(req))) {
            throw ApiException.notFound(NOT_FOUND);
        }
        JsonResponses.send(res, Json.createObjectBuilder()
                .add("message", "Model configuration deleted successfully").build());
    }

    private void customModels(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (JsonObject m : saved.list(scope(req))) {
            JsonValue config = m.getOrDefault("config", JsonValue.EMPTY_JSON_OBJECT);
            out.add(Json.createObjectBuilder()
                    .add("id", m.getOrDefault("id", JsonValue.NULL))
                    .add("name", m.getOrDefault("name", JsonValue.NULL))
                    .add("provider", m.getOrDefault("provider", JsonValue.NULL))
                    .add("model_name", modelName(m, config))
                    .add("config", SecretMasking.mask(config)));
        }
        JsonResponses.send(res, out.build());
    }

    /** Saved through {@code POST /models} a model has no model_name: its config's model, else its name. */
    private static JsonValue modelName(JsonObject model, JsonValue config) {
        if (model.get("model_name") instanceof JsonString s) {
            return s;
        }
        if (config instanceof JsonObject c) {
            for (String key : new String[] {"model_name", "model"}) {
                if (c.get(key) instanceof JsonString s) {
                    return s;
                }
            }
        }
        return model.getOrDefault("name", JsonValue.NULL);
    }

    private void createCustomModel(ServerRequest req, ServerResponse res) {
        JsonFields body = JsonBody.object(req);
        String name = body.requiredString("name");
        String provider = body.requiredString("provider");
        String modelName = body.requiredString("model_name");
        JsonObject config = ModelRoutes.requiredObject(body, "config");
        body.validate();
        AccessScope scope = scope(req);
        JsonObject model = Json.createObjectBuilder().add("id", UUID.randomUUID().toString()).add("name", name)
                .add("provider", provider).add("model_name", modelName).add("config", config).build();
        saved.add(scope, model);
        JsonResponses.send(res, Json.createObjectBuilder(model).add("config", SecretMasking.mask(config)).build());
    }

    private static String configId(ServerRequest req) {
        return req.path().pathParameters().get("config_id");
    }

    private static JsonObject view(ModelConfigRecord r) {
        return Json.createObjectBuilder().add("id", r.id()).add("provider", r.provider())
                .add("config_data", SecretMasking.mask(SavedModels.parse(r.configDataJson())))
                .add("created_at", IsoTimes.format(r.createdAt())).add("updated_at", IsoTimes.format(r.updatedAt()))
                .build();
    }
}
