package quire.server;

import java.util.ArrayList;
import java.util.List;

import quire.api.http.HealthProbe;

/**
 * What the service wiring creates besides the services themselves: things to close when the
 * server stops (after ingestion, before the kernel's providers, newest first) and extra
 * {@code /health} probes (e.g. the vector index, the reranker in use).
 */
final class ServerResources implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ServerResources.class.getName());

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<HealthProbe> probes = new ArrayList<>();

    /** @return {@code resource}, to be closed with the others */
    synchronized <T extends AutoCloseable> T closeLater(T resource) {
        closeables.add(resource);
        return resource;
    }

    synchronized void addProbe(HealthProbe probe) {
        probes.add(probe);
    }

    synchronized List<HealthProbe> probes() {
        return List.copyOf(probes);
    }

    /** Closes newest first; one failing close does not stop the others. */
    @Override
    public synchronized void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + closeables.get(i).getClass().getSimpleName()
                        + " failed: " + e);
            }
        }
        closeables.clear();
    }
}
