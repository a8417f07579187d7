package quire.plugin.embeddings.onnx.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import quire.plugin.embeddings.onnx.ModelSpec;
import quire.plugin.embeddings.onnx.OnnxEmbedderFactory;
import quire.spi.embedding.Embedder;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * Compares the bundled models: throughput (texts/s over 200 sentences, median of 3 runs, batch
 * sizes 1 and 8), retrieval quality (20 questions against their 20 passages plus 44 distractors,
 * 14 of them on a question's topic: top-1 accuracy and mean reciprocal rank) and how far a batched
 * vector moves from the same text embedded alone (int8 models quantize activations per batch). Not a test: run it by hand, e.g.
 * {@code java -cp <test classpath> quire.plugin.embeddings.onnx.testing.OnnxEmbedderBenchmark [models-dir] [threads]}.
 */
public final class OnnxEmbedderBenchmark {
    private static final int TEXTS = 200;
    private static final int RUNS = 3;

    private OnnxEmbedderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path modelsDir = (args.length > 0 ? Path.of(args[0]) : TestModels.directory()).toAbsolutePath();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Math.min(4, Runtime.getRuntime().availableProcessors());
        Path data = Files.createTempDirectory("quire-onnx-bench");
        List<String> texts = BenchmarkCorpus.throughputTexts(TEXTS);
        System.out.printf(Locale.ROOT, "%d texts, %d threads, %d cores%n", TEXTS, threads,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-20s | %8s | %13s | %13s | %5s | %5s | %16s |%n",
                "model", "load ms", "texts/s (b=1)", "texts/s (b=8)", "top-1", "MRR", "min cos b8~b1");
        System.out.println("|----------------------|----------|---------------|---------------|-------|-------|------------------|");
        for (ModelSpec model : ModelSpec.ALL) {
            long start = System.nanoTime();
            try (Embedder single = open(model, modelsDir, threads, 1, data);
                 Embedder batched = open(model, modelsDir, threads, 8, data)) {
                double loadMs = (System.nanoTime() - start) / 2e6;
                double rate1 = throughput(single, texts);
                double rate8 = throughput(batched, texts);
                double[] quality = retrieval(single);
                double minCos = minCosine(single, batched, texts);
                System.out.printf(Locale.ROOT, "| %-20s | %8.0f | %13.1f | %13.1f | %2.0f/20 | %5.3f | %16.4f |%n",
                        model.id(), loadMs, rate1, rate8, quality[0], quality[1], minCos);
            }
        }
    }

    private static Embedder open(ModelSpec model, Path modelsDir, int threads, int batch, Path data) throws Exception {
        OnnxEmbedderFactory factory = new OnnxEmbedderFactory();
        return factory.create(TestingPluginConfig.of("quire.embedder.onnx", factory.configProperties(), Map.of(
                "model", model.id(), "models-dir", modelsDir.toString(),
                "threads", Integer.toString(threads), "batch-size", Integer.toString(batch)), data),
                TestingPluginContext.of(data, factory.id()));
    }

    private static double throughput(Embedder embedder, List<String> texts) throws Exception {
        embedder.embedPassages(texts.subList(0, 32)); // warm-up
        double[] rates = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long start = System.nanoTime();
            embedder.embedPassages(texts);
            rates[r] = texts.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    /** @return {top-1 hits, mean reciprocal rank} */
    private static double[] retrieval(Embedder embedder) throws Exception {
        List<String> passages = new ArrayList<>();
        BenchmarkCorpus.PAIRS.forEach(p -> passages.add(p.passage()));
        passages.addAll(BenchmarkCorpus.DISTRACTORS);
        List<float[]> passageVectors = new ArrayList<>();
        for (String passage : passages) {
            passageVectors.add(embedder.embedPassages(List.of(passage)).get(0));
        }
        int hits = 0;
        double reciprocal = 0;
        for (int q = 0; q < BenchmarkCorpus.PAIRS.size(); q++) {
            float[] query = embedder.embedQuery(BenchmarkCorpus.PAIRS.get(q).question());
            double target = dot(query, passageVectors.get(q));
            int rank = 1;
            for (int p = 0; p < passageVectors.size(); p++) {
                if (p != q && dot(query, passageVectors.get(p)) > target) {
                    rank++;
                }
            }
            hits += rank == 1 ? 1 : 0;
            reciprocal += 1.0 / rank;
        }
        return new double[] {hits, reciprocal / BenchmarkCorpus.PAIRS.size()};
    }

    private static double minCosine(Embedder single, Embedder batched, List<String> texts) throws Exception {
        List<float[]> a = single.embedPassages(texts);
        List<float[]> b = batched.embedPassages(texts);
        double min = 1;
        for (int i = 0; i < a.size(); i++) {
            min = Math.min(min, dot(a.get(i), b.get(i)));
        }
        return min;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
