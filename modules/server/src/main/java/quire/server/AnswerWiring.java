package quire.server;

import java.util.Map;

import quire.json.Json;
import jakarta.json.JsonObjectBuilder;

import quire.answers.AnswerService;
import quire.api.http.HealthProbe;
import quire.kernel.Kernel;
import quire.retrieval.RetrievalService;
import quire.spi.completion.CompletionProvider;

/**
 * Wires {@code /query}'s answers: the configured completion provider, or none (then answers are
 * extractive and labelled so), and the {@code completion} entry of {@code /health} that says which.
 */
final class AnswerWiring {
    /** What {@code /health} names when no language model is configured. */
    static final String EXTRACTIVE = "extractive (no LLM configured)";

    private AnswerWiring() {
    }

    /** @return the answer service over {@code retrieval} with the kernel's completion provider, if any */
    static AnswerService create(Kernel kernel, RetrievalService retrieval) {
        return new AnswerService(retrieval, kernel.provider(CompletionProvider.class).orElse(null));
    }

    /**
     * @return {@code /health}'s {@code completion} entry: the provider and its model (facts its
     *         {@code info()} declares safe to show), or {@value #EXTRACTIVE}. It does not call the
     *         model: a health check must stay cheap, and a model that is down shows on {@code /query} (503).
     */
    static HealthProbe probe(AnswerService answers) {
        return HealthProbe.of("completion", false, () -> true).withDetails(() -> {
            CompletionProvider provider = answers.provider().orElse(null);
            if (provider == null) {
                return Json.createObjectBuilder().add("provider", EXTRACTIVE).build();
            }
            JsonObjectBuilder b = Json.createObjectBuilder().add("provider", provider.info().id());
            for (Map.Entry<String, String> e : provider.info().details().entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
            return b.build();
        });
    }
}
