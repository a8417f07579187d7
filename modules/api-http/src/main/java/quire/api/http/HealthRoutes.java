package quire.api.http;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.helidon.http.Method;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * {@code GET /health} (spec §1.2): no auth, always 200,
 * {@code {status, services[{name,status,message?,response_time_ms}], timestamp, plugins[]}}.
 * {@code status} is {@code unhealthy} when a critical service fails, {@code degraded} when
 * another service fails or a plugin is FAILED, else {@code healthy}.
 */
public final class HealthRoutes implements ApiRoutes {

    private static final System.Logger LOG = System.getLogger(HealthRoutes.class.getName());

    private final List<HealthProbe> probes;
    private final Supplier<List<PluginReport>> plugins;
    private final Clock clock;

    /**
     * @param probes  services to check on every call
     * @param plugins the current plugin list
     * @param clock   for the timestamp
     */
    public HealthRoutes(List<HealthProbe> probes, Supplier<List<PluginReport>> plugins, Clock clock) {
        this.probes = List.copyOf(probes);
        this.plugins = plugins;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter router) {
        router.publicRoute(Method.GET, "/health", (req, res) -> JsonResponses.send(res, health()));
    }

    /** @return the health document */
    public JsonObject health() {
        boolean unhealthy = false;
        boolean degraded = false;
        JsonArrayBuilder services = Json.createArrayBuilder();
        for (HealthProbe probe : probes) {
            long start = System.nanoTime();
            String message = null;
            boolean ok;
            try {
                ok = probe.check();
                if (!ok) {
                    message = "check failed";
                }
            } catch (Exception e) {
                ok = false;
                message = "check failed: " + e.getClass().getSimpleName();
                LOG.log(Level.WARNING, "Health check of " + probe.name() + " failed: " + e);
            }
            double ms = (System.nanoTime() - start) / 1_000_000.0;
            JsonObjectBuilder s = Json.createObjectBuilder().add("name", probe.name())
                    .add("status", ok ? "healthy" : "unhealthy");
            if (message != null) {
                s.add("message", message);
            }
            JsonObject details = ok ? details(probe) : null;
            if (details != null) {
                s.add("details", details);
            }
            services.add(s.add("response_time_ms", Math.round(ms * 100) / 100.0));
            if (!ok) {
                unhealthy |= probe.critical();
                degraded |= !probe.critical();
            }
        }
        JsonArrayBuilder pluginArray = Json.createArrayBuilder();
        for (PluginReport p : plugins.get()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("id", p.id())
                    .add("extension_point", p.extensionPoint()).add("source", p.source()).add("state", p.state());
            if (p.message() != null) {
                b.add("message", p.message());
            }
            pluginArray.add(b);
            degraded |= p.failed();
        }
        String status = unhealthy ? "unhealthy" : degraded ? "degraded" : "healthy";
        return Json.createObjectBuilder().add("status", status).add("services", services)
                .add("timestamp", IsoTimes.format(clock.instant())).add("plugins", pluginArray).build();
    }

    private static JsonObject details(HealthProbe probe) {
        try {
            return probe.details();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health details of " + probe.name() + " failed: " + e);
            return null;
        }
    }
}
