/**
 * The {@code openai} completion provider: the chat-completions wire format, an SSE reader,
 * structured output checks, retries with backoff and an idle watchdog for streamed answers.
 */
package quire.plugin.llm.openai;
