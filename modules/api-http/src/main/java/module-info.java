/**
 * Quire's HTTP API: Helidon SE routing, Morphik-compatible error bodies, request-body
 * validation, CORS, body limit, access log and authentication (dev mode or HS256 JWT).
 *
 * <p>Route groups implement {@link quire.api.http.ApiRoutes} and register on an
 * {@link quire.api.http.ApiRouter}; {@link quire.api.http.ApiServer} starts the web server.
 * This module knows the SPI and nothing of the kernel: health facts arrive through
 * {@link quire.api.http.HealthProbe} and {@link quire.api.http.PluginReport}.
 */
module quire.api.http {
    requires quire.json;
    requires transitive quire.spi;
    requires transitive quire.catalog;
    // QuireServices hands the routes a RetrievalService
    requires transitive quire.retrieval;
    requires transitive quire.ingest;
    requires transitive quire.usage;
    requires transitive quire.chat;
    requires transitive quire.answers;
    requires transitive io.helidon.webserver;
    requires transitive jakarta.json;
    requires org.eclipse.parsson;
    requires com.nimbusds.jose.jwt;

    exports quire.api.http;
}
