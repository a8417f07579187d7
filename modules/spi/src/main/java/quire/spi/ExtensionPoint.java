package quire.spi;

import quire.spi.blob.BlobStoreFactory;
import quire.spi.chunker.ChunkerFactory;
import quire.spi.completion.CompletionProviderFactory;
import quire.spi.embedding.EmbedderFactory;
import quire.spi.graph.GraphExtractorFactory;
import quire.spi.parser.ParserFactory;
import quire.spi.rerank.RerankerFactory;
import quire.spi.storage.StorageBackendFactory;
import quire.spi.workflow.WorkflowStepFactory;

/**
 * The extension points of Quire. {@link #configKey()} is the key under {@code quire} in the
 * configuration where the providers of this point are chosen and configured.
 */
public enum ExtensionPoint {
    STORAGE("storage", StorageBackendFactory.class, false),
    BLOB_STORE("blob-store", BlobStoreFactory.class, false),
    PARSER("parsers", ParserFactory.class, true),
    CHUNKER("chunker", ChunkerFactory.class, false),
    EMBEDDER("embedder", EmbedderFactory.class, false),
    RERANKER("reranker", RerankerFactory.class, false),
    COMPLETION("completion", CompletionProviderFactory.class, false),
    GRAPH_EXTRACTOR("graph-extractor", GraphExtractorFactory.class, false),
    WORKFLOW_STEP("workflow-steps", WorkflowStepFactory.class, true);

    private final String configKey;
    private final Class<? extends ProviderFactory<?>> factoryType;
    private final boolean multiple;

    ExtensionPoint(String configKey, Class<? extends ProviderFactory<?>> factoryType, boolean multiple) {
        this.configKey = configKey;
        this.factoryType = factoryType;
        this.multiple = multiple;
    }

    /** @return the configuration key, kebab-case */
    public String configKey() {
        return configKey;
    }

    /** @return the factory interface looked up with {@link java.util.ServiceLoader} */
    public Class<? extends ProviderFactory<?>> factoryType() {
        return factoryType;
    }

    /** @return true when every loaded provider is active at once (parsers, workflow steps) */
    public boolean multiple() {
        return multiple;
    }
}
