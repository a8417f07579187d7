/**
 * The Quire kernel: loads plugins (one {@link java.lang.ModuleLayer} per plugin directory, plus
 * factories on the boot layer), binds and strictly validates configuration, and creates the
 * configured providers in {@code dependsOn} order. It has no HTTP; the server asks it for providers.
 */
module quire.kernel {
    requires transitive quire.spi;
    requires io.helidon.config;
    requires io.helidon.config.yaml;

    exports quire.kernel;

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
