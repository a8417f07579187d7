/**
 * Quire embedder {@code onnx}: a local English embedding model run by onnxruntime and tokenized by
 * DJL's HuggingFace tokenizers. The model files are not in this jar: they live in
 * {@code <models-dir>/<model-id>/model.onnx} and {@code tokenizer.json} (the image ships them in
 * {@code models/}).
 */
module quire.plugin.embeddings.onnx {
    requires quire.spi;
    requires com.microsoft.onnxruntime;
    requires ai.djl.tokenizers;
    requires ai.djl.api;
    // DJL's jars are automatic modules and declare no dependencies; these explicit modules are
    // needed by them at run time, so this module pulls them into the layer.
    requires org.slf4j;
    requires com.google.gson;

    provides quire.spi.embedding.EmbedderFactory with quire.plugin.embeddings.onnx.OnnxEmbedderFactory;
}
