/** Quire embedder: ONNX: Local embedding model on onnxruntime with a bundled small model. */
module quire.plugin.embeddings.onnx {
    requires quire.spi;
}
