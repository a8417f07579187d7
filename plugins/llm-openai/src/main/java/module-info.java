/**
 * Quire completion provider over any OpenAI-compatible {@code /v1/chat/completions} endpoint
 * (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio ...): plain and SSE-streamed answers,
 * structured JSON output, timeouts and retries with backoff, using the JDK's HTTP client and
 * Jakarta JSON (Parsson, shipped in the plugin's own directory).
 */
module quire.plugin.llm.openai {
    requires quire.spi;
    requires java.net.http;
    requires jakarta.json;

    // Parsson is looked up in this plugin's own layer: JsonProvider.provider() cannot see it
    uses jakarta.json.spi.JsonProvider;

    provides quire.spi.completion.CompletionProviderFactory with quire.plugin.llm.openai.OpenAiCompletionProviderFactory;
}
