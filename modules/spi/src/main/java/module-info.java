/**
 * The Quire service-provider interface: everything a plugin may see of the host.
 *
 * <p>Each extension point lives in its own package as a {@code XxxFactory} (found by
 * {@link java.util.ServiceLoader}) and an {@code Xxx} instance. This module requires
 * {@code java.base} only and exposes no HTTP, JSON-library or Helidon types.
 */
module quire.spi {
    exports quire.spi;
    exports quire.spi.storage;
    exports quire.spi.filter;
    exports quire.spi.blob;
    exports quire.spi.parser;
    exports quire.spi.chunker;
    exports quire.spi.embedding;
    exports quire.spi.rerank;
    exports quire.spi.completion;
    exports quire.spi.graph;
    exports quire.spi.workflow;

    uses quire.spi.storage.StorageBackendFactory;
    uses quire.spi.blob.BlobStoreFactory;
    uses quire.spi.parser.ParserFactory;
    uses quire.spi.chunker.ChunkerFactory;
    uses quire.spi.embedding.EmbedderFactory;
    uses quire.spi.rerank.RerankerFactory;
    uses quire.spi.completion.CompletionProviderFactory;
    uses quire.spi.graph.GraphExtractorFactory;
    uses quire.spi.workflow.WorkflowStepFactory;
}
