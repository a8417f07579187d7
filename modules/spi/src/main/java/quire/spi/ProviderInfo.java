package quire.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A short description of a running provider.
 *
 * @param id      the factory id that created it
 * @param details extra facts (model id, dimensions, dialect ...); never secrets
 */
public record ProviderInfo(String id, Map<String, String> details) {
    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** @return info with no details */
    public static ProviderInfo of(String id) {
        return new ProviderInfo(id, Map.of());
    }
}
