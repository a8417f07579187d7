package quire.apitests;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import quire.plugin.blobstore.fs.FsBlobStoreFactory;
import quire.plugin.chunker.recursive.RecursiveChunkerFactory;
import quire.plugin.parser.office.OfficeParserFactory;
import quire.plugin.parser.pdf.PdfParserFactory;
import quire.plugin.parser.text.TextParserFactory;
import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.server.QuireServer;
import quire.server.ServerOptions;
import quire.spi.ProviderFactory;
import quire.spi.testkit.TestingEmbedderFactory;

/**
 * The real Quire server on port 0 with real plugins (SQLite in a temp dir by default, file
 * blobs, every parser, the recursive chunker) and the deterministic testing embedder, so tests
 * need no model. Extra overrides (full keys) change any setting, e.g. a PostgreSQL URL.
 */
public final class QuireTestServer implements AutoCloseable {
    private final QuireServer server;
    private final HttpFixture http;

    private QuireTestServer(QuireServer server) {
        this.server = server;
        this.http = new HttpFixture(server.url());
    }

    /** Starts a dev-mode server over SQLite under {@code dataDir}. */
    public static QuireTestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** Starts a server with extra overrides (full keys such as {@code quire.auth.mode}). */
    public static QuireTestServer start(Path dataDir, Map<String, String> overrides) {
        return start(dataDir, overrides, Map.of());
    }

    /** Starts a server with extra overrides and environment variables. */
    public static QuireTestServer start(Path dataDir, Map<String, String> overrides, Map<String, String> environment) {
        return start(dataDir, overrides, environment, List.of());
    }

    /**
     * Starts a server with extra overrides, environment variables and provider factories beyond
     * the standard ones (e.g. the ONNX embedder, chosen with {@code quire.embedder.provider=onnx}).
     */
    public static QuireTestServer start(Path dataDir, Map<String, String> overrides, Map<String, String> environment,
                                        List<ProviderFactory<?>> extraFactories) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("quire.server.port", "0");
        o.put("quire.storage.provider", "jdbc");
        o.put("quire.blob-store.provider", "fs");
        o.put("quire.chunker.provider", "recursive");
        o.put("quire.embedder.provider", TestingEmbedderFactory.ID);
        o.put("quire.ingest.retry-backoff", "100ms");
        o.put("quire.ingest.poll-interval", "100ms");
        o.putAll(overrides);
        List<ProviderFactory<?>> factories = new java.util.ArrayList<>(List.of(new JdbcStorageBackendFactory(),
                new FsBlobStoreFactory(), new TextParserFactory(), new PdfParserFactory(), new OfficeParserFactory(),
                new RecursiveChunkerFactory(), new TestingEmbedderFactory()));
        factories.addAll(extraFactories);
        ServerOptions options = new ServerOptions(null, null, dataDir, environment, o, factories, List.of());
        return new QuireTestServer(QuireServer.start(options));
    }

    /** @return the base URL */
    public String url() {
        return server.url();
    }

    /** @return an HTTP client for this server */
    public HttpFixture http() {
        return http;
    }

    /** @return the running server (its kernel and services) */
    public QuireServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
