package quire.server;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import quire.api.http.ApiRoutes;
import quire.api.http.ApiServer;
import quire.api.http.ApiServerConfig;
import quire.api.http.DocumentRoutes;
import quire.api.http.DocumentUpdateRoutes;
import quire.api.http.FolderRoutes;
import quire.api.http.IngestRoutes;
import quire.api.http.QuireServices;
import quire.api.http.ChatRoutes;
import quire.api.http.ModelConfigRoutes;
import quire.api.http.ModelRoutes;
import quire.api.http.RecordServices;
import quire.api.http.UsageRoutes;
import quire.api.http.UsageTracking;
import quire.api.http.RetrieveRoutes;
import quire.api.http.Authenticator;
import quire.api.http.DevAuthenticator;
import quire.api.http.HealthProbe;
import quire.api.http.HealthRoutes;
import quire.api.http.JwtAuthenticator;
import quire.api.http.PingRoutes;
import quire.api.http.PluginReport;
import quire.api.http.QueryRoutes;
import quire.answers.AnswerService;
import quire.kernel.Kernel;
import quire.kernel.KernelOptions;
import quire.kernel.PluginStatus;
import quire.spi.storage.StorageBackend;

/**
 * A running Quire: the kernel (plugins and providers) plus the HTTP API wired to them. Closing
 * it stops the HTTP server first (no new requests), then the kernel (providers in reverse order).
 */
public final class QuireServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QuireServer.class.getName());

    private final Kernel kernel;
    private final ApiServer api;
    private final ServerSettings settings;
    private final QuireServices services;
    /** the vector index and the like: closed after ingestion stopped, before the kernel's providers */
    private final ServerResources resources;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** chats, usage, model configurations; its usage recorder is flushed after HTTP stops, before the kernel */
    private volatile RecordServices records;

    private QuireServer(Kernel kernel, ApiServer api, ServerSettings settings, QuireServices services,
                        ServerResources resources) {
        this.kernel = kernel;
        this.resources = resources;
        this.api = api;
        this.settings = settings;
        this.services = services;
    }

    /**
     * Starts the kernel and the HTTP server.
     *
     * @throws StartupException           when the host settings are unusable (e.g. jwt without a secret)
     * @throws quire.kernel.KernelException when configuration or plugins are unusable
     */
    public static QuireServer start(ServerOptions options) {
        Kernel kernel = Kernel.start(new KernelOptions(options.configFile(), options.pluginsDirectory(),
                options.dataDirectory(), options.environment(), options.overrides(), HostProperties.ALL),
                options.extraFactories());
        QuireServices services = null;
        RecordServices records = null;
        ServerResources resources = new ServerResources();
        try {
            ServerSettings settings = ServerSettings.from(kernel.hostConfig(), options.environment());
            List<ApiRoutes> routes = new ArrayList<>();
            routes.add(new PingRoutes());
            services = DocumentServices.create(kernel, settings, resources).orElse(null);
            List<HealthProbe> probes = probes(kernel);
            probes.addAll(resources.probes());
            AnswerService answers = services == null ? null : AnswerWiring.create(kernel, services.retrieval());
            if (answers != null) {
                probes.add(AnswerWiring.probe(answers));
            }
            routes.add(new HealthRoutes(probes, () -> reports(kernel), Clock.systemUTC()));
            if (services != null) {
                routes.add(new RetrieveRoutes(services));
                routes.add(new IngestRoutes(services));
                routes.add(new DocumentRoutes(services));
                routes.add(new DocumentUpdateRoutes(services));
                routes.add(new FolderRoutes(services));
            }
            records = RecordWiring.create(kernel, settings).orElse(null);
            UsageTracking tracking = null;
            if (records != null) {
                routes.add(new ChatRoutes(records));
                routes.add(new ModelRoutes(records));
                routes.add(new ModelConfigRoutes(records));
                routes.add(new UsageRoutes(records));
                if (answers != null) {
                    routes.add(new QueryRoutes(services, records.chats(), answers));
                }
                tracking = new UsageTracking(records.usage(), records.clock());
            }
            routes.addAll(options.extraRoutes());
            ApiServer api = ApiServer.start(new ApiServerConfig(settings.host(), settings.port(),
                    settings.maxBodySize(), authenticator(settings), routes, tracking));
            if (services != null) {
                services.ingestion().start();
            }
            LOG.log(Level.INFO, "HTTP API on " + settings.host() + ":" + api.port() + ", auth mode "
                    + settings.authMode().name().toLowerCase(java.util.Locale.ROOT));
            QuireServer server = new QuireServer(kernel, api, settings, services, resources);
            server.records = records;
            return server;
        } catch (RuntimeException e) {
            if (records != null) {
                records.usage().close();
            }
            if (services != null) {
                services.ingestion().close();
            }
            resources.close();
            kernel.close();
            throw e;
        }
    }

    private static Authenticator authenticator(ServerSettings settings) {
        return switch (settings.authMode()) {
            case DEV -> new DevAuthenticator(settings.devUserId());
            case JWT -> new JwtAuthenticator(settings.jwtSecret(), Clock.systemUTC());
        };
    }

    private static List<HealthProbe> probes(Kernel kernel) {
        List<HealthProbe> probes = new ArrayList<>();
        // The database is the source of truth: without it nothing works, so it is critical.
        kernel.provider(StorageBackend.class).ifPresent(storage ->
                probes.add(HealthProbe.of("storage", true, storage::ping)));
        return probes;
    }

    private static List<PluginReport> reports(Kernel kernel) {
        List<PluginReport> out = new ArrayList<>();
        for (PluginStatus s : kernel.plugins()) {
            out.add(new PluginReport(s.id(), s.extensionPoint() == null ? "unknown" : s.extensionPoint().configKey(),
                    s.source(), s.state().name(), s.message().isEmpty() ? null : s.message()));
        }
        return out;
    }

    /** @return the port the HTTP server listens on (the real one when configured 0) */
    public int port() {
        return api.port();
    }

    /** @return the interface the HTTP server is bound to */
    public String host() {
        return settings.host();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:8000} */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    /** @return the document services, empty when storage, blobs, chunker or embedder are not configured */
    public java.util.Optional<QuireServices> services() {
        return java.util.Optional.ofNullable(services);
    }

    /** @return the chat, usage and model-configuration services, empty without a storage provider */
    public java.util.Optional<RecordServices> records() {
        return java.util.Optional.ofNullable(records);
    }

    /** @return the kernel, for wiring services (later issues) */
    public Kernel kernel() {
        return kernel;
    }

    /** Stops HTTP, then the kernel; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            api.close();
            if (records != null) {
                // every answered request's record reaches the database before storage closes
                records.usage().close();
            }
        } finally {
            try {
                if (services != null) {
                    services.ingestion().close();
                }
            } finally {
                try {
                    resources.close();
                } finally {
                    kernel.close();
                }
            }
        }
    }
}
