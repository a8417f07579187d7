/**
 * Quire embedder {@code onnx}: {@link quire.plugin.embeddings.onnx.OnnxEmbedderFactory} creates an
 * {@link quire.plugin.embeddings.onnx.OnnxEmbedder} for one of the models in
 * {@link quire.plugin.embeddings.onnx.ModelSpec}.
 */
package quire.plugin.embeddings.onnx;
