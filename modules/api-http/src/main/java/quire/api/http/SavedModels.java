package quire.api.http;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import quire.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import quire.spi.storage.AccessScope;
import quire.spi.storage.ModelConfigRecord;
import quire.spi.storage.StorageBackend;

/**
 * Model records of a (user, app), as Morphik keeps them (spec §1.3, §1.12): one record per
 * provider holding its API key, and records with provider {@code custom} whose
 * {@code config_data.models} lists saved models. A list is changed by read, modify and
 * compare-and-set write, retried when another request changed the record meanwhile, so two
 * concurrent saves never lose one.
 */
final class SavedModels {
    static final String CUSTOM = "custom";
    private static final int ATTEMPTS = 10;

    private final StorageBackend storage;
    private final Clock clock;

    SavedModels(StorageBackend storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * The scope of model records: the caller's user and app. Morphik requires both; in dev mode
     * a caller without an app uses app {@code dev}.
     */
    static AccessScope scope(Principal principal, boolean bypassAuth) {
        if (principal.appId() != null) {
            return principal.scope();
        }
        if (bypassAuth) {
            return new AccessScope(principal.userId(), "dev");
        }
        throw ApiException.badRequest("User ID and App ID are required");
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return every saved model of the scope, oldest record first */
    List<JsonObject> list(AccessScope scope) {
        List<JsonObject> out = new ArrayList<>();
        for (ModelConfigRecord r : storage.listModelConfigs(scope, CUSTOM)) {
            for (JsonValue v : models(r)) {
                if (v instanceof JsonObject o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** Appends a model (an object with an {@code id}) to the scope's custom record, creating it when absent. */
    void add(AccessScope scope, JsonObject model) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<ModelConfigRecord> records = storage.listModelConfigs(scope, CUSTOM);
            if (records.isEmpty()) {
                Instant now = now();
                JsonObject data = Json.createObjectBuilder().add("models", Json.createArrayBuilder().add(model)).build();
                storage.insertModelConfig(new ModelConfigRecord(UUID.randomUUID().toString(), scope.ownerId(),
                        scope.appId(), CUSTOM, data.toString(), now, now));
                return;
            }
            if (rewrite(scope, records.getFirst(), models -> append(models, model))) {
                return;
            }
        }
        throw new IllegalStateException("saved models kept changing during " + ATTEMPTS + " attempts");
    }

    /** @return false when no saved model has this id */
    boolean remove(AccessScope scope, String modelId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ModelConfigRecord> holder = storage.listModelConfigs(scope, CUSTOM).stream()
                    .filter(r -> models(r).stream().anyMatch(v -> hasId(v, modelId))).findFirst();
            if (holder.isEmpty()) {
                return false;
            }
            if (rewrite(scope, holder.get(), models -> without(models, modelId))) {
                return true;
            }
        }
        throw new IllegalStateException("saved models kept changing during " + ATTEMPTS + " attempts");
    }

    private boolean rewrite(AccessScope scope, ModelConfigRecord record, UnaryOperator<JsonArray> change) {
        JsonObject data = parse(record.configDataJson());
        JsonObject updated = Json.createObjectBuilder(data).add("models", change.apply(models(record))).build();
        // strictly later than what was read, so the compare-and-set can never mistake a newer write for it
        Instant now = now();
        Instant at = now.isAfter(record.updatedAt()) ? now : record.updatedAt().plus(1, ChronoUnit.MICROS);
        return storage.updateModelConfig(scope, record.id(), updated.toString(), at, record.updatedAt());
    }

    private static JsonArray append(JsonArray models, JsonObject model) {
        return Json.createArrayBuilder(models).add(model).build();
    }

    private static JsonArray without(JsonArray models, String modelId) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        models.stream().filter(v -> !hasId(v, modelId)).forEach(b::add);
        return b.build();
    }

    private static boolean hasId(JsonValue v, String id) {
        return v instanceof JsonObject o && o.get("id") instanceof jakarta.json.JsonString s && s.getString().equals(id);
    }

    private static JsonArray models(ModelConfigRecord record) {
        JsonValue models = parse(record.configDataJson()).get("models");
        return models instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
