package quire.spi;

import java.util.Objects;

/**
 * One configuration key a provider accepts.
 *
 * @param name         kebab-case key relative to the provider's own node
 * @param type         the value type
 * @param defaultValue the default as text, or null when there is none
 * @param required     true when start-up fails without a value
 * @param secret       true when the value must be masked everywhere (logs, {@code /health})
 * @param doc          one line for the README and error messages
 */
public record ConfigProperty(String name, ConfigType type, String defaultValue, boolean required,
                             boolean secret, String doc) {
    public ConfigProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        doc = doc == null ? "" : doc;
    }

    /** @return an optional key with a default */
    public static ConfigProperty optional(String name, ConfigType type, String defaultValue, String doc) {
        return new ConfigProperty(name, type, defaultValue, false, false, doc);
    }

    /** @return a key that must be set */
    public static ConfigProperty required(String name, ConfigType type, String doc) {
        return new ConfigProperty(name, type, null, true, false, doc);
    }

    /** @return an optional secret key (API keys, passwords) */
    public static ConfigProperty secret(String name, String doc) {
        return new ConfigProperty(name, ConfigType.STRING, null, false, true, doc);
    }
}
