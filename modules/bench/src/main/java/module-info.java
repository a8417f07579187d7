/**
 * Quire benchmarks, run on demand and never during {@code verify}: {@link quire.bench.IngestBench}
 * ingests real documents over HTTP into an in-process server with the real plugins and the real
 * ONNX embedder, then embeds the very same chunks with a fresh raw embedder in the same run, and
 * prints a table of medians with the ratio of the two. Plugins are found by the kernel: through
 * this module's {@code META-INF/services} on the class path, through their own {@code provides}
 * on the module path.
 */
module quire.bench {
    requires quire.server;
    requires quire.kernel;
    requires quire.api.http;
    requires java.net.http;
    requires java.logging;
    requires jdk.management;
    requires jakarta.json;

    exports quire.bench;
}
