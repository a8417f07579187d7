/**
 * Quire JSON: {@link quire.json.Json}, the factories of {@code jakarta.json.Json} over a
 * provider looked up once. Every Quire module that builds or reads JSON uses it instead of
 * {@code jakarta.json.Json}, whose static methods run a {@link java.util.ServiceLoader} lookup
 * per call.
 */
module quire.json {
    requires transitive jakarta.json;

    exports quire.json;
}
