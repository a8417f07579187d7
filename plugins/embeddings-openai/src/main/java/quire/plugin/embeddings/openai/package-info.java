/** Quire embedder: OpenAI-compatible. */
package quire.plugin.embeddings.openai;
