package quire.plugin.embeddings.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import quire.spi.PluginException;
import quire.spi.SpiVersion;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderFactory;
import quire.spi.embedding.EmbeddingException;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** The {@code openai} embedder against a real HTTP server speaking the OpenAI wire format. */
class OpenAiEmbedderTest {
    static final int DIMS = 8;
    static final String KEY = "sk-test-secret-key-123";

    FakeEmbeddingServer server;
    final List<Embedder> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeEmbeddingServer(DIMS);
    }

    @AfterEach
    void stop() throws Exception {
        for (Embedder e : opened) {
            e.close();
        }
        server.close();
    }

    Embedder embedder(Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("base-url", server.baseUrl());
        config.put("model", "test-model");
        config.put("dimensions", Integer.toString(DIMS));
        config.put("retry-backoff", "1ms");
        config.putAll(extra);
        config.values().removeIf(v -> v == null || v.equals("<unset>"));
        OpenAiEmbedderFactory f = new OpenAiEmbedderFactory();
        Embedder e = f.create(TestingPluginConfig.of("quire.test", f.configProperties(), config),
                TestingPluginContext.of(Path.of("."), f.id()));
        opened.add(e);
        return e;
    }

    static float[] normalized(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] * (1.0 / Math.sqrt(s)));
        }
        return out;
    }

    @Test
    void factoryDeclaresItselfAndItsConfig() {
        EmbedderFactory f = new OpenAiEmbedderFactory();
        assertEquals("openai", f.id());
        assertEquals(SpiVersion.CURRENT, f.spiVersion());
        var props = f.configProperties();
        assertTrue(props.stream().anyMatch(p -> p.name().equals("api-key") && p.secret()));
        assertTrue(props.stream().anyMatch(p -> p.name().equals("base-url") && p.required()));
        assertTrue(props.stream().anyMatch(p -> p.name().equals("dimensions") && !p.required() && p.defaultValue() == null));
        assertTrue(props.stream().allMatch(p -> !p.doc().isBlank()));
        var descriptor = OpenAiEmbedderFactory.class.getModule().getDescriptor();
        if (descriptor != null) {
            assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(EmbedderFactory.class.getName())));
        }
    }

    @Test
    void manyPassagesGoInBatchesAndKeepTheirOrderWhenTheServerShufflesIt() throws Exception {
        server.reverseOrder = true;
        Embedder e = embedder(Map.of("batch-size", "64"));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            texts.add("passage number " + i);
        }
        List<float[]> vectors = e.embedPassages(texts);
        assertEquals(150, vectors.size());
        for (int i = 0; i < 150; i++) {
            assertArrayEquals(normalized(FakeEmbeddingServer.vectorFor(texts.get(i), DIMS)), vectors.get(i), 1e-6f, "vector " + i);
        }
        List<FakeEmbeddingServer.Received> requests = server.received();
        assertEquals(List.of(64, 64, 22), requests.stream().map(r -> r.inputs().size()).toList());
        assertEquals(texts, requests.stream().flatMap(r -> r.inputs().stream()).toList());
        assertEquals("/v1/embeddings", requests.get(0).path());
        assertEquals("test-model", requests.get(0).body().getString("model"));
        assertFalse(requests.get(0).body().containsKey("dimensions"), "dimensions are not sent unless asked");
    }

    @Test
    void vectorsAreUnitLengthOnlyWhenNormalizing() throws Exception {
        float[] raw = FakeEmbeddingServer.vectorFor("q", DIMS);
        assertArrayEquals(raw, embedder(Map.of("normalize", "false")).embedQuery("q"));
        float[] unit = embedder(Map.of()).embedQuery("q");
        double norm = 0;
        for (float x : unit) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-5);
        assertTrue(embedder(Map.of()).embedderInfo().normalized());
        assertFalse(embedder(Map.of("normalize", "false")).embedderInfo().normalized());
    }

    @Test
    void base64EmbeddingsAreRead() throws Exception {
        server.base64 = true;
        assertArrayEquals(FakeEmbeddingServer.vectorFor("q", DIMS), embedder(Map.of("normalize", "false")).embedQuery("q"));
    }

    @Test
    void prefixesAreSentWithQueriesAndPassages() throws Exception {
        Embedder e = embedder(Map.of("query-prefix", "search_query: ", "passage-prefix", "search_document: "));
        e.embedQuery("what is quire");
        e.embedPassages(List.of("quire is a server"));
        List<FakeEmbeddingServer.Received> r = server.received();
        assertEquals(List.of("search_query: what is quire"), r.get(0).inputs());
        assertEquals(List.of("search_document: quire is a server"), r.get(1).inputs());
        assertEquals(TokenEstimator.count("search_document: abc"), e.countTokens("abc"), "counts what is sent");
    }

    @Test
    void rateLimitThenSuccessIsRetried() throws Exception {
        server.then(new FakeEmbeddingServer.Reply(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", Map.of("Retry-After", "0")));
        server.then(FakeEmbeddingServer.Reply.of(503, "overloaded"));
        float[] v = embedder(Map.of("normalize", "false")).embedQuery("hello");
        assertArrayEquals(FakeEmbeddingServer.vectorFor("hello", DIMS), v);
        assertEquals(3, server.received().size());
    }

    @Test
    void serverErrorsExhaustRetriesAsATransientFailureWithoutLeakingSecrets() throws Exception {
        for (int i = 0; i < 10; i++) {
            server.then(FakeEmbeddingServer.Reply.of(500, "{\"error\":{\"message\":\"CUDA out of memory\"}}"));
        }
        Embedder e = embedder(Map.of("max-retries", "2", "api-key", KEY));
        EmbeddingException ex = assertThrows(EmbeddingException.class, () -> e.embedQuery("my private question text"));
        assertTrue(ex.transientFailure());
        assertEquals(3, server.received().size(), "one try and two retries");
        assertTrue(ex.getMessage().contains("HTTP 500"), ex.getMessage());
        assertTrue(ex.getMessage().contains("CUDA out of memory"), "the server's own reason helps the operator");
        assertFalse(ex.getMessage().contains(KEY));
        assertFalse(ex.getMessage().contains("private question"));
    }

    @Test
    void garbageJsonIsAPermanentFailureAndNotRetried() throws Exception {
        server.then(FakeEmbeddingServer.Reply.of(200, "<html>proxy says hi</html>"));
        EmbeddingException ex = assertThrows(EmbeddingException.class, () -> embedder(Map.of()).embedQuery("x"));
        assertFalse(ex.transientFailure());
        assertTrue(ex.getMessage().contains("malformed"), ex.getMessage());
        assertEquals(1, server.received().size());
    }

    @Test
    void wrongShapesArePermanentFailures() throws Exception {
        Embedder e = embedder(Map.of());
        for (String body : List.of("{}", "{\"data\":[]}", "{\"data\":[{\"index\":0}]}",
                "{\"data\":[{\"index\":0,\"embedding\":[1,\"a\"]}]}", "{\"data\":[{\"index\":5,\"embedding\":[1]}]}",
                "[1,2]")) {
            server.then(FakeEmbeddingServer.Reply.of(200, body));
            EmbeddingException ex = assertThrows(EmbeddingException.class, () -> e.embedQuery("x"), body);
            assertFalse(ex.transientFailure(), body);
        }
        server.then(FakeEmbeddingServer.Reply.of(200, "{\"data\":[{\"index\":0,\"embedding\":[1,2,3]}]}"));
        EmbeddingException ex = assertThrows(EmbeddingException.class, () -> e.embedQuery("x"));
        assertFalse(ex.transientFailure());
        assertTrue(ex.getMessage().contains("3 dimensions, expected 8"), ex.getMessage());
    }

    @Test
    void clientErrorsAreNotRetriedAndServerTextQuotingTheInputIsWithheld() throws Exception {
        server.then(FakeEmbeddingServer.Reply.of(400,
                "{\"detail\":[{\"msg\":\"too long\",\"input\":\"confidential contract clause number seven\"}]}"));
        server.then(FakeEmbeddingServer.Reply.of(400, "{\"error\":\"input: confidential contract clause number seven is too long\"}"));
        Embedder e = embedder(Map.of());
        EmbeddingException first = assertThrows(EmbeddingException.class, () -> e.embedQuery("confidential contract clause number seven"));
        assertFalse(first.transientFailure());
        assertTrue(first.getMessage().contains("HTTP 400"), first.getMessage());
        EmbeddingException second = assertThrows(EmbeddingException.class, () -> e.embedQuery("confidential contract clause number seven"));
        assertFalse(second.getMessage().contains("confidential"), second.getMessage());
        assertTrue(second.getMessage().contains("withheld"), second.getMessage());
        assertEquals(2, server.received().size());
    }

    @Test
    void authorizationHeaderIsSentOnlyWithAnApiKey() throws Exception {
        embedder(Map.of("api-key", KEY)).embedQuery("a");
        embedder(Map.of()).embedQuery("b");
        assertEquals("Bearer " + KEY, server.received().get(0).authorization());
        assertNull(server.received().get(1).authorization());
        assertFalse(embedder(Map.of("api-key", KEY)).info().toString().contains(KEY));
    }

    @Test
    void dimensionsAreProbedOnceWhenNotConfigured() throws Exception {
        Embedder e = embedder(Map.of("dimensions", "<unset>"));
        assertEquals(DIMS, e.embedderInfo().dimensions());
        assertEquals(List.of(OpenAiEmbedder.PROBE_TEXT), server.received().get(0).inputs());
        assertEquals(1, server.received().size());
        embedder(Map.of("dimensions", "8"));
        assertEquals(1, server.received().size(), "no probe when configured");
        assertEquals("test-model", e.embedderInfo().modelId());
        assertEquals(512, e.embedderInfo().maxTokens());
        assertEquals("8", e.info().details().get("dimensions"));
    }

    @Test
    void failedProbeFailsStartUpWithAClearMessage() throws Exception {
        server.then(FakeEmbeddingServer.Reply.of(404, "{\"error\":{\"message\":\"model 'nope' not found\"}}"));
        PluginException ex = assertThrows(PluginException.class, () -> embedder(Map.of("dimensions", "<unset>", "api-key", KEY)));
        assertTrue(ex.getMessage().contains("set 'dimensions'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("HTTP 404"), ex.getMessage());
        assertFalse(ex.getMessage().contains(KEY));
    }

    @Test
    void requestedDimensionsAreSentWhenAsked() throws Exception {
        embedder(Map.of("request-dimensions", "true")).embedQuery("a");
        assertEquals(DIMS, server.received().get(0).body().getInt("dimensions"));
    }

    @Test
    void unreachableServerIsATransientFailure() throws Exception {
        Embedder e = embedder(Map.of("max-retries", "1"));
        server.close();
        EmbeddingException ex = assertThrows(EmbeddingException.class, () -> e.embedQuery("a"));
        assertTrue(ex.transientFailure());
        assertTrue(ex.getMessage().contains("after 2 attempts"), ex.getMessage());
    }

    @Test
    void slowServerTimesOutAsATransientFailure() throws Exception {
        server.hold = new CountDownLatch(1);
        Embedder e = embedder(Map.of("timeout", "200ms", "max-retries", "0"));
        EmbeddingException ex = assertThrows(EmbeddingException.class, () -> e.embedQuery("a"));
        assertTrue(ex.transientFailure());
        assertTrue(ex.getMessage().contains("timed out"), ex.getMessage());
        server.hold.countDown();
    }

    @Test
    void longQueriesAreCutToTheTokenLimit() throws Exception {
        Embedder e = embedder(Map.of("max-tokens", "10"));
        e.embedQuery("word ".repeat(100));
        String sent = server.received().get(0).inputs().get(0);
        assertTrue(TokenEstimator.count(sent) <= 10);
        assertTrue(sent.startsWith("word word"));
        embedder(Map.of("max-tokens", "10", "truncate", "false")).embedQuery("word ".repeat(100));
        assertEquals("word ".repeat(100), server.received().get(1).inputs().get(0));
    }

    @Test
    void emptyTextIsSentAsOneSpace() throws Exception {
        embedder(Map.of()).embedPassages(List.of(""));
        assertEquals(List.of(" "), server.received().get(0).inputs());
    }

    @Test
    void badConfigurationFailsWithTheKeyPath() {
        PluginException bad = assertThrows(PluginException.class, () -> embedder(Map.of("base-url", "ftp://x/v1")));
        assertTrue(bad.getMessage().contains("quire.test.base-url"), bad.getMessage());
        assertThrows(PluginException.class, () -> embedder(Map.of("dimensions", "<unset>", "request-dimensions", "true")));
        assertThrows(PluginException.class, () -> embedder(Map.of("batch-size", "0")));
        assertThrows(PluginException.class, () -> embedder(Map.of("model", " ")));
    }

    @Test
    void credentialsInTheBaseUrlNeverShowInInfo() throws Exception {
        Embedder e = embedder(Map.of("base-url", server.baseUrl().replace("http://", "http://user:pw@")));
        assertFalse(e.info().details().get("base-url").contains("pw"), e.info().toString());
    }
}

