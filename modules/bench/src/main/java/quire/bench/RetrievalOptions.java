package quire.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one RetrievalBench invocation measures.
 *
 * @param real            real embedded chunks indexed (0: none); the cache is filled up to real + queries
 * @param queries         held-out queries per data set (latency and recall are measured on all of them)
 * @param synthetic       sizes of the synthetic data sets, e.g. 100000 and 1000000
 * @param efs             HNSW search breadths compared (num-candidates for Lucene)
 * @param m               HNSW links per node (Lucene's maxConn)
 * @param efConstruction  HNSW insert breadth (Lucene's beamWidth)
 * @param buildThreads    threads adding to our index (VectorIndex.addAll); Lucene indexes with one
 * @param ours            whether to build and query our index
 * @param lucene          whether to build and query Lucene's HNSW
 * @param e2eDocs         corpus pages ingested for the HTTP /retrieve/chunks timing (0: skip it)
 * @param e2eQueries      timed /retrieve/chunks requests
 * @param embedOnly       fill the vector cache and stop
 * @param corpora         HTML directories the real chunks come from
 * @param cache           the cache's base path ({@code -<model>.f32} and {@code .pages} are appended)
 * @param modelsDir       ONNX models
 * @param embedder        {@code quire.embedder.*} settings
 */
public record RetrievalOptions(int real, int queries, List<Integer> synthetic, List<Integer> efs, int m, int efConstruction,
                               int buildThreads, boolean ours, boolean lucene, int e2eDocs, int e2eQueries, boolean embedOnly,
                               List<Path> corpora, Path cache, Path modelsDir, Map<String, String> embedder) {

    public RetrievalOptions {
        if (real < 0 || queries < 10 || m < 2 || efConstruction < 1 || buildThreads < 1 || e2eDocs < 0 || e2eQueries < 1
                || efs.isEmpty()) {
            throw new IllegalArgumentException("--real >= 0, --queries >= 10, --m >= 2, --ef-construction, "
                    + "--build-threads, --e2e-queries >= 1, --ef not empty");
        }
        synthetic = List.copyOf(synthetic);
        efs = List.copyOf(efs);
        corpora = List.copyOf(corpora);
        embedder = Map.copyOf(embedder);
    }

    static String usage() {
        return """
                Usage: RetrievalBench [options]
                  --real N              real embedded corpus chunks to index (default 100000; 0: none)
                  --queries N           held-out queries per data set (default 1000)
                  --synthetic N[,N..]   synthetic unit-vector sets (dim of the model), e.g. 100000,1000000 (default none)
                  --ef N[,N..]          search breadths compared (default 50,100,200)
                  --m N                 HNSW links per node, Lucene maxConn (default 16)
                  --ef-construction N   HNSW insert breadth, Lucene beamWidth (default: the server's, 100)
                  --build-threads N     threads building our index (default: cores)
                  --no-ours             skip our index (Lucene and brute force only)
                  --no-lucene           skip Lucene
                  --e2e-docs N          corpus pages ingested for the HTTP /retrieve/chunks timing (default 300; 0: skip)
                  --e2e-queries N       timed /retrieve/chunks requests (default 300)
                  --embed-only          fill the vector cache and stop
                  --corpus DIR          HTML pages for the real chunks, repeatable (default the Python 3.11 and
                                        PostgreSQL 15 manuals under $QUIRE_CORPUS_DIR, default <repo>/.corpora)
                  --cache PATH          vector cache base (default modules/bench/target/retrieval-vectors)
                  --models-dir DIR      ONNX models (default plugins/embeddings-onnx/target/models)
                  --model ID            quire.embedder.onnx.model
                  --onnx-threads N      quire.embedder.onnx.threads
                  --onnx-batch-size N   quire.embedder.onnx.batch-size
                """;
    }

    static RetrievalOptions parse(List<String> args, Path root) {
        String corpusEnv = System.getenv("QUIRE_CORPUS_DIR");
        Path corpusRoot = corpusEnv == null || corpusEnv.isBlank() ? root.resolve(".corpora") : Path.of(corpusEnv);
        List<Path> corpora = new ArrayList<>();
        int real = 100_000;
        int queries = 1000;
        List<Integer> synthetic = List.of();
        List<Integer> efs = List.of(50, 100, 200);
        int m = 16;
        int efc = quire.index.IndexOptions.DEFAULT_EF_CONSTRUCTION;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean ours = true;
        boolean lucene = true;
        int e2eDocs = 300;
        int e2eQueries = 300;
        boolean embedOnly = false;
        Path cache = root.resolve("modules/bench/target/retrieval-vectors");
        Path models = root.resolve("plugins/embeddings-onnx/target/models");
        Map<String, String> embedder = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--no-ours" -> ours = false;
                case "--no-lucene" -> lucene = false;
                case "--embed-only" -> embedOnly = true;
                default -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("missing value after " + flag);
                    }
                    String v = args.get(++i);
                    switch (flag) {
                        case "--real" -> real = Integer.parseInt(v);
                        case "--queries" -> queries = Integer.parseInt(v);
                        case "--synthetic" -> synthetic = ints(v);
                        case "--ef" -> efs = ints(v);
                        case "--m" -> m = Integer.parseInt(v);
                        case "--ef-construction" -> efc = Integer.parseInt(v);
                        case "--build-threads" -> threads = Integer.parseInt(v);
                        case "--e2e-docs" -> e2eDocs = Integer.parseInt(v);
                        case "--e2e-queries" -> e2eQueries = Integer.parseInt(v);
                        case "--corpus" -> corpora.add(Path.of(v));
                        case "--cache" -> cache = Path.of(v);
                        case "--models-dir" -> models = Path.of(v);
                        case "--model" -> embedder.put("quire.embedder.onnx.model", v);
                        case "--onnx-threads" -> embedder.put("quire.embedder.onnx.threads", v);
                        case "--onnx-batch-size" -> embedder.put("quire.embedder.onnx.batch-size", v);
                        default -> throw new IllegalArgumentException("unknown option " + flag);
                    }
                }
            }
        }
        if (corpora.isEmpty()) {
            corpora.add(corpusRoot.resolve("python3.11-doc/usr/share/doc/python3.11/html"));
            corpora.add(corpusRoot.resolve("postgresql-doc-15/usr/share/doc/postgresql-doc-15/html"));
        }
        if ((real > 0 || e2eDocs > 0 || embedOnly)) {
            for (Path c : corpora) {
                if (!Files.isDirectory(c)) {
                    throw new IllegalArgumentException("corpus directory " + c + " does not exist; fetch it with"
                            + " modules/bench/fetch-corpora.sh or pass --corpus DIR");
                }
            }
        }
        return new RetrievalOptions(real, queries, synthetic, efs, m, efc, threads, ours, lucene, e2eDocs, e2eQueries, embedOnly,
                corpora, cache, models, embedder);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
