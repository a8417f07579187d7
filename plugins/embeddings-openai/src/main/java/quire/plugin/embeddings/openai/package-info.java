/** The {@code openai} embedder: batching, retries with backoff, L2 normalisation, a token estimate. */
package quire.plugin.embeddings.openai;
