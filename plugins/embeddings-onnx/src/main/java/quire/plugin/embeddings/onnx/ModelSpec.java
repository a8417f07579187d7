package quire.plugin.embeddings.onnx;

import java.util.List;
import java.util.Optional;

/**
 * The facts about a bundled model that its files do not tell: how to pool, which prefixes it was
 * trained with, its vector size and token limit.
 *
 * @param id            the model id: the directory name under {@code models-dir} and the id stored with vectors
 * @param pooling       how token vectors become a text vector
 * @param queryPrefix   prepended to queries (empty when the model wants none)
 * @param passagePrefix prepended to passages (empty when the model wants none)
 * @param dimensions    vector length
 * @param maxTokens     the longest input the model was trained on, special tokens included
 */
public record ModelSpec(String id, Pooling pooling, String queryPrefix, String passagePrefix,
                        int dimensions, int maxTokens) {

    /** The file names inside {@code <models-dir>/<id>/}. */
    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";

    /** sentence-transformers/all-MiniLM-L6-v2, int8-quantized; trained with 256-token inputs. */
    public static final ModelSpec ALL_MINILM_L6_V2_Q =
            new ModelSpec("all-minilm-l6-v2-q", Pooling.MEAN, "", "", 384, 256);

    /** BAAI/bge-small-en-v1.5, int8-quantized; v1.5 wants the instruction on short queries only. */
    public static final ModelSpec BGE_SMALL_EN_V15_Q =
            new ModelSpec("bge-small-en-v15-q", Pooling.CLS,
                    "Represent this sentence for searching relevant passages: ", "", 384, 512);

    /** Every model this plugin knows, the default first. */
    public static final List<ModelSpec> ALL = List.of(ALL_MINILM_L6_V2_Q, BGE_SMALL_EN_V15_Q);

    /** @return the model with this id */
    public static Optional<ModelSpec> find(String id) {
        return ALL.stream().filter(m -> m.id.equals(id)).findFirst();
    }

    /** @return the known ids, for error messages and docs */
    public static List<String> ids() {
        return ALL.stream().map(ModelSpec::id).toList();
    }
}
