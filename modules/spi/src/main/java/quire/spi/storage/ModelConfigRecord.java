package quire.spi.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A per-(user, app) model configuration record (spec §1.12, §1.3): provider settings, API keys
 * and saved custom models, kept as an opaque JSON object.
 *
 * @param id             unique id
 * @param ownerId        the user who created it
 * @param appId          the app it belongs to, or null
 * @param provider       e.g. {@code openai}, or {@code custom} for the record holding saved models
 * @param configDataJson the configuration, a JSON object; {@code {}} when null or blank
 * @param createdAt      when it was created
 * @param updatedAt      when it was last replaced
 */
public record ModelConfigRecord(String id, String ownerId, String appId, String provider, String configDataJson,
                                Instant createdAt, Instant updatedAt) {
    public ModelConfigRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(provider, "provider");
        configDataJson = configDataJson == null || configDataJson.isBlank() ? "{}" : configDataJson;
    }
}
