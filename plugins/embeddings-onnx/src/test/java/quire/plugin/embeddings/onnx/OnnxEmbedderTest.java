package quire.plugin.embeddings.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import quire.plugin.embeddings.onnx.testing.TestModels;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbedderInfo;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** Both bundled models, loaded once each, through the factory as the host would. */
class OnnxEmbedderTest {
    private static final String MINILM = "all-minilm-l6-v2-q";
    private static final String BGE = "bge-small-en-v15-q";
    private static final Map<String, Embedder> EMBEDDERS = new HashMap<>();

    @TempDir
    static Path data;

    @BeforeAll
    static void load() throws Exception {
        for (String model : List.of(MINILM, BGE)) {
            EMBEDDERS.put(model, open(model, Map.of()));
        }
    }

    private static Embedder open(String model, Map<String, String> extra) throws Exception {
        Map<String, String> values = new HashMap<>(extra);
        values.put("model", model);
        values.put("models-dir", TestModels.directory().toString());
        values.put("threads", "2");
        OnnxEmbedderFactory factory = new OnnxEmbedderFactory();
        return factory.create(TestingPluginConfig.of("quire.embedder.onnx", factory.configProperties(), values, data),
                TestingPluginContext.of(data, factory.id()));
    }

    @AfterAll
    static void close() throws Exception {
        for (Embedder embedder : EMBEDDERS.values()) {
            embedder.close();
        }
        EMBEDDERS.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void reportsModelFacts(String model) {
        EmbedderInfo info = EMBEDDERS.get(model).embedderInfo();
        assertEquals(model, info.modelId());
        assertEquals(384, info.dimensions());
        assertEquals(ModelSpec.find(model).orElseThrow().maxTokens(), info.maxTokens());
        assertTrue(info.normalized());
        assertEquals("cosine", info.metric());
        assertEquals("onnx", EMBEDDERS.get(model).info().id());
        assertEquals(model, EMBEDDERS.get(model).info().details().get("model"));
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void vectorsHaveModelDimensionAndUnitLength(String model) throws Exception {
        List<float[]> vectors = EMBEDDERS.get(model).embedPassages(List.of(
                "Quire stores documents in SQLite by default.", "Short.", "x"));
        assertEquals(3, vectors.size());
        for (float[] v : vectors) {
            assertEquals(384, v.length);
            assertEquals(1.0, norm(v), 1e-4);
        }
        float[] query = EMBEDDERS.get(model).embedQuery("where are documents stored?");
        assertEquals(384, query.length);
        assertEquals(1.0, norm(query), 1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void isDeterministic(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        String text = "The quick brown fox jumps over the lazy dog.";
        assertArrayEquals(embedder.embedPassages(List.of(text)).get(0), embedder.embedPassages(List.of(text)).get(0));
        assertArrayEquals(embedder.embedQuery(text), embedder.embedQuery(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void relatedTextIsCloserThanUnrelatedText(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        float[] query = embedder.embedQuery("How do I reset my password?");
        List<float[]> passages = embedder.embedPassages(List.of(
                "Steps to change your account password", "The cat sat on the mat"));
        double related = dot(query, passages.get(0));
        double unrelated = dot(query, passages.get(1));
        assertTrue(related > unrelated + 0.1, "related " + related + " vs unrelated " + unrelated);
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void listGivesTheSameVectorsAsSingleTextsInInputOrder(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        List<String> texts = texts();
        List<float[]> together = embedder.embedPassages(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embedPassages(List.of(texts.get(i))).get(0);
            assertArrayEquals(single, together.get(i), 1e-5f, "text " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void batchedCallsStayCloseToSingleTexts(String model) throws Exception {
        List<String> texts = texts();
        List<float[]> single = EMBEDDERS.get(model).embedPassages(texts);
        try (Embedder batched = open(model, Map.of("batch-size", "8"))) {
            List<float[]> batch = batched.embedPassages(texts);
            for (int i = 0; i < texts.size(); i++) {
                // int8 models quantize activations per call, so neighbours and padding move values a little
                assertEquals(1.0, dot(single.get(i), batch.get(i)), 0.03, "text " + i);
                for (int j = 0; j < texts.size(); j++) {
                    assertTrue(j == i || dot(single.get(j), batch.get(i)) < dot(single.get(i), batch.get(i)),
                            "batched vector " + i + " is closest to its own text, not to " + j);
                }
            }
        }
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add("Sentence number " + i + " talks about " + "topic ".repeat(i % 7) + "and nothing else.");
        }
        return texts;
    }

    /**
     * Both bundled tokenizers say their counts add up across whitespace, and they do: on words,
     * punctuation, digits, accents, CJK and emoji, the count of two texts joined by any run of
     * whitespace is the sum of their counts less the special tokens counted twice.
     */
    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void countsAddUpAcrossWhitespaceAsDeclared(String model) {
        Embedder embedder = EMBEDDERS.get(model);
        assertTrue(embedder.countsAddUpAcrossWhitespace());
        String[] parts = {"Retrieval", "systems,", "split;", "documents.", "état", "naïve", "Ünïcödé", "1,234.5",
                "東京都", "中文分词", "emoji\uD83D\uDE00x", "(parenthesised)", "e-mail", "don't", "x\u0301y", "--", "#tag",
                "supercalifragilisticexpialidocious", "a".repeat(150)};
        String[] spaces = {" ", "\n", "\n\n", " \t\r\n ", "\u00a0", "\u3000"};
        java.util.Random random = new java.util.Random(7);
        // the native tokenizer itself: the Java counter relies on this too
        OnnxEmbedder onnx = (OnnxEmbedder) embedder;
        int overhead = onnx.nativeCount("");
        for (int i = 0; i < 300; i++) {
            String a = String.join(" ", java.util.stream.IntStream.range(0, 1 + random.nextInt(6))
                    .mapToObj(k -> parts[random.nextInt(parts.length)]).toList());
            String b = String.join(" ", java.util.stream.IntStream.range(0, 1 + random.nextInt(6))
                    .mapToObj(k -> parts[random.nextInt(parts.length)]).toList());
            String joined = a + spaces[random.nextInt(spaces.length)] + b;
            assertEquals(onnx.nativeCount(a) + onnx.nativeCount(b) - overhead, onnx.nativeCount(joined),
                    () -> "[" + a + "] + [" + b + "]");
        }
    }

    /**
     * Counting in Java gives the native tokenizer's count: random texts over words in and out of
     * the vocabulary, any case, digits, every ASCII punctuation character, words over WordPiece's
     * 100-character limit, special tokens' texts, control characters, accents, CJK, emoji and
     * other whitespace.
     */
    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void countingInJavaGivesTheNativeTokenizersCount(String model) {
        OnnxEmbedder embedder = (OnnxEmbedder) EMBEDDERS.get(model);
        assertTrue(embedder.countsInJava());
        String[] words = {"Retrieval", "systems", "SPLIT", "documents", "unbelievably", "Tokenization", "xylophonic",
                "qzxjvk", "HTTPServer", "getAttribute", "v2", "3.11", "1,234.5", "0x7fff", "e.g.", "don't", "C++",
                "foo_bar()", "x=1;y=2", "https://docs.python.org/3/library/os.html", "#tag", "--verbose", "$HOME",
                "[CLS]", "[SEP]", "[MASK]", "[mask]", "[unk]", "[PAD", "état", "naïve", "Ünïcödé", "東京都", "中文分词",
                "emoji\uD83D\uDE00x", "x\u0301y", "a\u000bb", "nul\u0000l", "bell\u0007", "del\u007f",
                "a".repeat(100), "b".repeat(101), "Ab1".repeat(40), "\u00a0", "\u3000", "\u2028"};
        String punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        String[] spaces = {" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "  "};
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int w = 0; w < n; w++) {
                if (random.nextInt(8) == 0) {
                    text.append(punctuation.charAt(random.nextInt(punctuation.length())));
                } else if (random.nextInt(6) == 0) {
                    // a random ASCII word: mostly not in the vocabulary whole
                    for (int c = 1 + random.nextInt(14); c > 0; c--) {
                        text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 'A' + random.nextInt(26)));
                    }
                } else {
                    text.append(words[random.nextInt(words.length)]);
                }
                if (random.nextInt(4) != 0) {
                    text.append(spaces[random.nextInt(spaces.length)]);
                }
            }
            String t = text.toString();
            assertEquals(embedder.nativeCount(t), embedder.countTokens(t), () -> "[" + t + "]");
        }
    }

    @Test
    void aTokenizerThatIsNotWordPieceBehindBertPreTokenizationDoesNotClaimIt() throws Exception {
        Path bpe = data.resolve("bpe-tokenizer.json");
        Files.writeString(bpe, "{\"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false},"
                + " \"model\": {\"type\": \"BPE\"}}");
        assertFalse(DjlTokenizers.countsAddUpAcrossWhitespace(bpe));
        assertFalse(DjlTokenizers.countsAddUpAcrossWhitespace(data.resolve("missing.json")));
    }

    /** A text whose count is exactly the limit is read whole: its last word still changes the vector. */
    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void aTextCountedAtTheLimitIsNotCutShort(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        int limit = embedder.embedderInfo().maxTokens();
        StringBuilder start = new StringBuilder();
        while (embedder.countTokens(start + "penguin") < limit) {
            start.append("alpha ");
        }
        String penguin = start + "penguin";
        String volcano = start + "volcano";
        assertEquals(limit, embedder.countTokens(penguin));
        assertEquals(limit, embedder.countTokens(volcano));
        List<float[]> vectors = embedder.embedPassages(List.of(penguin, volcano));
        assertFalse(java.util.Arrays.equals(vectors.get(0), vectors.get(1)), "the last word must reach the model");
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void longInputIsTruncatedToMaxTokens(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        String longText = "Retrieval systems split documents into chunks before embedding them. ".repeat(200);
        assertTrue(embedder.countTokens(longText) > embedder.embedderInfo().maxTokens());
        float[] vector = embedder.embedPassages(List.of(longText)).get(0);
        assertEquals(1.0, norm(vector), 1e-4);
        // past the limit nothing counts: a different ending gives the very same vector
        float[] sameStart = embedder.embedPassages(List.of(longText + " Penguins live in Antarctica.")).get(0);
        assertArrayEquals(vector, sameStart, 1e-6f);
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void emptyTextAndEmptyListAreFine(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        float[] empty = embedder.embedPassages(List.of("")).get(0);
        assertEquals(384, empty.length);
        assertEquals(1.0, norm(empty), 1e-4);
        assertEquals(384, embedder.embedQuery("").length);
        assertTrue(embedder.embedPassages(List.of()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void concurrentCallersGetTheSameVectorsAsOneCaller(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        List<String> texts = List.of("alpha particles", "beta decay", "gamma rays", "delta wing aircraft");
        List<float[]> reference = new ArrayList<>();
        for (String text : texts) {
            reference.add(embedder.embedPassages(List.of(text)).get(0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String text : texts) {
                    futures.add(pool.submit(() -> embedder.embedPassages(List.of(text)).get(0)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertArrayEquals(reference.get(i % texts.size()), futures.get(i).get(), 1e-6f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void countsTokensAsTheModelReadsThemWithSpecialTokensAndWithoutTruncation(String model) {
        Embedder embedder = EMBEDDERS.get(model);
        assertEquals(2, embedder.countTokens(""), "[CLS] [SEP]");
        assertEquals(4, embedder.countTokens("hello world"));
        int previous = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append("word").append(i).append(' ');
            int count = embedder.countTokens(text.toString());
            assertTrue(count > previous, "count must grow: " + count + " after " + previous);
            previous = count;
        }
        String huge = "the ".repeat(2000);
        assertEquals(2002, embedder.countTokens(huge));
    }

    @ParameterizedTest
    @ValueSource(strings = {MINILM, BGE})
    void queryPrefixOnlyWhereTheModelWantsIt(String model) throws Exception {
        Embedder embedder = EMBEDDERS.get(model);
        String text = "how are vectors stored";
        float[] asQuery = embedder.embedQuery(text);
        float[] asPassage = embedder.embedPassages(List.of(text)).get(0);
        if (model.equals(BGE)) {
            assertFalse(dot(asQuery, asPassage) > 0.9999, "BGE queries carry an instruction prefix");
        } else {
            assertArrayEquals(asPassage, asQuery, 1e-6f);
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }
}
