/** Quire embedder: ONNX. */
package quire.plugin.embeddings.onnx;
