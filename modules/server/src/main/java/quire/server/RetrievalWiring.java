package quire.server;

import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonObjectBuilder;

import quire.api.http.HealthProbe;
import quire.retrieval.RetrievalSettings;
import quire.spi.PluginConfig;
import quire.spi.rerank.Reranker;

/** The retrieval service's host settings and its {@code /health} entries. */
final class RetrievalWiring {

    private RetrievalWiring() {
    }

    /** @return the planner's settings from {@code quire.retrieval.*}; a bad value fails start-up naming its key */
    static RetrievalSettings settings(PluginConfig host) {
        int exactChunks = host.intValue(HostProperties.RETRIEVAL_EXACT_SCAN_MAX_CHUNKS);
        double exactFraction = host.doubleValue(HostProperties.RETRIEVAL_EXACT_SCAN_MAX_FRACTION);
        int ef = host.intValue(HostProperties.RETRIEVAL_EF);
        int maxCandidates = host.intValue(HostProperties.RETRIEVAL_MAX_CANDIDATE_DOCUMENTS);
        int maxK = host.intValue(HostProperties.RETRIEVAL_MAX_K);
        check(exactChunks >= 0, HostProperties.RETRIEVAL_EXACT_SCAN_MAX_CHUNKS, "must be >= 0");
        check(exactFraction >= 0 && exactFraction <= 1, HostProperties.RETRIEVAL_EXACT_SCAN_MAX_FRACTION, "must be in 0..1");
        check(ef >= 1, HostProperties.RETRIEVAL_EF, "must be >= 1");
        check(maxCandidates >= 1, HostProperties.RETRIEVAL_MAX_CANDIDATE_DOCUMENTS, "must be >= 1");
        check(maxK >= 1, HostProperties.RETRIEVAL_MAX_K, "must be >= 1");
        return new RetrievalSettings(exactChunks, exactFraction, ef, maxCandidates, maxK);
    }

    /** @return {@code quire.index.selection-cache-mb} in bytes; a negative value fails start-up */
    static long selectionCacheBytes(PluginConfig host) {
        int mb = host.intValue(HostProperties.INDEX_SELECTION_CACHE_MB);
        check(mb >= 0, HostProperties.INDEX_SELECTION_CACHE_MB, "must be >= 0");
        return (long) mb << 20;
    }

    private static void check(boolean ok, String key, String rule) {
        if (!ok) {
            throw new StartupException("quire." + key + " " + rule);
        }
    }

    /** @return {@code /health}'s {@code reranker} entry: the provider in use, or {@code none} */
    static HealthProbe rerankerProbe(Reranker reranker) {
        return HealthProbe.of("reranker", false, () -> true).withDetails(() -> {
            if (reranker == null) {
                return Json.createObjectBuilder().add("provider", "none").build();
            }
            JsonObjectBuilder b = Json.createObjectBuilder().add("provider", reranker.info().id());
            for (Map.Entry<String, String> e : reranker.info().details().entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            return b.build();
        });
    }
}
