package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.RetrievalCalls.body;
import static quire.apitests.RetrievalCalls.chunks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.plugin.embeddings.onnx.OnnxEmbedderFactory;

/**
 * Retrieval with the real bundled ONNX model: paraphrased questions, which share few or no words
 * with the text that answers them, get that text's chunk first, and the docs route agrees.
 */
class RetrieveOnnxIT {
    /** The models the plugin's build unpacks (relative to this module's directory, where failsafe runs). */
    private static final Path MODELS = Path.of("../../plugins/embeddings-onnx/target/models");

    /** Question → the filename of the paragraph that answers it. */
    private static final Map<String, String> QUESTIONS = new LinkedHashMap<>();
    static {
        QUESTIONS.put("How do I put new programs on my Debian machine?", "apt.txt");
        QUESTIONS.put("Which release should I run if I want the newest software even if it breaks sometimes?",
                "releases.txt");
        QUESTIONS.put("How do green leaves turn light into food?", "photosynthesis.txt");
        QUESTIONS.put("When did the uprising against the French king start?", "revolution.txt");
        QUESTIONS.put("How should I get my body ready for a long-distance race?", "marathon.txt");
        QUESTIONS.put("What makes naturally fermented loaves rise?", "sourdough.txt");
        QUESTIONS.put("Which network protocol makes sure data arrives complete and in order?", "tcp.txt");
        QUESTIONS.put("Why is the sky blue during the day but red at sunset?", "sky.txt");
    }

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isRegularFile(MODELS.resolve("all-minilm-l6-v2-q").resolve("model.onnx")),
                "the ONNX models are not unpacked at " + MODELS.toAbsolutePath() + " (build plugins/embeddings-onnx): skipping");
        server = QuireTestServer.start(dir, Map.of("quire.embedder.provider", OnnxEmbedderFactory.ID,
                "quire.embedder.onnx.models-dir", MODELS.toAbsolutePath().normalize().toString()),
                Map.of(), List.of(new OnnxEmbedderFactory()));
        TestingDocuments docs = new TestingDocuments(server);
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("apt.txt", "APT is Debian's package management tool. Running apt-get install followed by a package "
                + "name downloads that package and everything it depends on from the configured mirrors and sets it up; "
                + "apt-get upgrade later brings the installed packages up to date.");
        corpus.put("releases.txt", "Debian always has three releases in play: stable, which is thoroughly tested and "
                + "recommended for servers; testing, which will become the next stable; and unstable, nicknamed sid, "
                + "where the latest versions of packages land first and occasional breakage is expected.");
        corpus.put("photosynthesis.txt", "In their chloroplasts, plants capture sunlight with chlorophyll and use its "
                + "energy to combine water and carbon dioxide into glucose, releasing oxygen as a by-product.");
        corpus.put("revolution.txt", "On 14 July 1789 the people of Paris stormed the Bastille, an event that opened "
                + "the revolution which overthrew the monarchy of Louis XVI.");
        corpus.put("marathon.txt", "Building endurance for 42 kilometres takes months: one slow long run every weekend, "
                + "easy mileage during the week, and a taper over the final two weeks before the event.");
        corpus.put("sourdough.txt", "A sourdough starter is a culture of wild yeast and lactic acid bacteria; mixed "
                + "into dough it produces the gas that leavens bread without any commercial yeast.");
        corpus.put("tcp.txt", "TCP numbers every segment it sends, waits for acknowledgements and retransmits what was "
                + "lost, so the receiving application gets a reliable byte stream in the original order.");
        corpus.put("sky.txt", "Air molecules scatter short blue wavelengths of sunlight much more than red ones "
                + "(Rayleigh scattering); when the sun is low its light crosses far more atmosphere and mostly the "
                + "reds and oranges get through.");
        corpus.forEach((name, text) -> ids.put(name, docs.create(TestingDocuments.DEV, null, null, name, null,
                text.getBytes(StandardCharsets.UTF_8), true, "{}").id()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aParaphrasedQuestionGetsTheAnsweringChunkFirst() {
        QUESTIONS.forEach((question, file) -> {
            JsonArray results = chunks(server.http(), question, 3);
            assertEquals(3, results.size());
            JsonObject first = results.getJsonObject(0);
            assertEquals(ids.get(file), first.getString("document_id"),
                    () -> "\"" + question + "\" should find " + file + " first, got " + first.getString("filename"));
            double best = first.getJsonNumber("score").doubleValue();
            double next = results.getJsonObject(1).getJsonNumber("score").doubleValue();
            assertTrue(best > next, question);
        });
    }

    @Test
    void theDocsRouteAgrees() {
        QUESTIONS.forEach((question, file) -> {
            HttpFixture.Response r = server.http().postJson("/retrieve/docs", body(question, 2).build());
            assertEquals(200, r.status(), r::text);
            JsonObject first = r.array().getJsonObject(0);
            assertEquals(ids.get(file), first.getString("document_id"), question);
            assertEquals("string", first.getJsonObject("content").getString("type"));
        });
    }

    @Test
    void healthNamesTheModelOfTheIndex() {
        JsonObject details = RetrieveRoutesIT.service(server.http().get("/health").object(), "vector_index")
                .getJsonObject("details");
        assertEquals(384, details.getInt("dimensions"));
        assertEquals("all-minilm-l6-v2-q", details.getString("model"));
        assertEquals(QUESTIONS.size(), details.getInt("size"));
    }
}
