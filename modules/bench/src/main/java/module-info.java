/**
 * Quire benchmarks, run on demand and never during {@code verify}: {@link quire.bench.IngestBench}
 * ingests real documents over HTTP into an in-process server with the real plugins and the real
 * ONNX embedder, then embeds the very same chunks with a fresh raw embedder in the same run, and
 * prints a table of medians with the ratio of the two. Plugins are found by the kernel: through
 * this module's {@code META-INF/services} on the class path, through their own {@code provides}
 * on the module path. {@link quire.bench.RetrievalBench} compares the vector index with
 * Lucene's HNSW and brute force on real and synthetic embeddings and times {@code /retrieve/chunks}.
 */
module quire.bench {
    requires quire.json;
    requires quire.server;
    requires quire.kernel;
    requires quire.api.http;
    requires quire.index;
    requires quire.retrieval;
    requires org.apache.lucene.core;
    // PdfMemoryBench writes its large PDFs with PDFBox
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires java.desktop;
    requires static jdk.incubator.vector;
    requires java.net.http;
    requires java.logging;
    requires jdk.management;
    requires jakarta.json;

    exports quire.bench;
}
