/**
 * Quire embedder over any OpenAI-compatible {@code /v1/embeddings} endpoint (OpenAI, Ollama,
 * vLLM, Hugging Face TEI, LM Studio ...), using the JDK's HTTP client and Jakarta JSON.
 */
module quire.plugin.embeddings.openai {
    requires quire.spi;
    requires java.net.http;
    requires jakarta.json;

    uses jakarta.json.spi.JsonProvider;

    provides quire.spi.embedding.EmbedderFactory with quire.plugin.embeddings.openai.OpenAiEmbedderFactory;
}
