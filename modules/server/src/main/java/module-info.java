/**
 * Quire's composition root: {@link quire.server.Main} ({@code serve}) and
 * {@link quire.server.QuireServer}, which starts the kernel, wires the configured providers into
 * the HTTP API and runs it. The only module that sees both the kernel and the HTTP layer.
 */
module quire.server {
    requires quire.json;
    requires quire.spi;
    requires quire.kernel;
    requires quire.api.http;
    requires quire.ingest;
    requires quire.catalog;
    requires quire.retrieval;
    requires quire.answers;
    requires quire.index;
    requires java.logging;

    exports quire.server;
}
