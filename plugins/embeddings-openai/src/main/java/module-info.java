/** Quire embedder: OpenAI-compatible: Embedder over any OpenAI-compatible /v1/embeddings endpoint. */
module quire.plugin.embeddings.openai {
    requires quire.spi;
}
