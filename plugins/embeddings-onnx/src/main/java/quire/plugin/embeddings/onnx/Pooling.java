package quire.plugin.embeddings.onnx;

/** How token vectors of the model's last hidden state become one text vector. */
public enum Pooling {
    /** Average of the real (unmasked) tokens: sentence-transformers models such as MiniLM. */
    MEAN,
    /** The first ({@code [CLS]}) token: BGE models. */
    CLS;

    /**
     * Pools one text of a batch.
     *
     * @param hidden  the batch's last hidden state, flattened {@code [batch, sequence, dims]}
     * @param mask    the text's attention mask, length {@code sequence}
     * @param index   the text's position in the batch
     * @param sequence the padded sequence length
     * @param dims    the hidden size
     * @return the pooled vector (not normalized)
     */
    float[] pool(float[] hidden, long[] mask, int index, int sequence, int dims) {
        float[] out = new float[dims];
        int base = index * sequence * dims;
        if (this == CLS) {
            System.arraycopy(hidden, base, out, 0, dims);
            return out;
        }
        int count = 0;
        for (int t = 0; t < sequence; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            int offset = base + t * dims;
            for (int d = 0; d < dims; d++) {
                out[d] += hidden[offset + d];
            }
        }
        if (count > 0) {
            for (int d = 0; d < dims; d++) {
                out[d] /= count;
            }
        }
        return out;
    }

    /** Scales a vector to unit length in place; a zero vector stays zero. */
    static float[] normalize(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum > 0) {
            float scale = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }
}
