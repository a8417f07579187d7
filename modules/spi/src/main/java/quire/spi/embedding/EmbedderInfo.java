package quire.spi.embedding;

/**
 * @param modelId    a stable model name; stored with the vectors
 * @param dimensions vector length
 * @param maxTokens  input limit in tokens
 * @param normalized true when vectors have unit length
 * @param metric     {@code cosine}, {@code dot} or {@code l2}
 */
public record EmbedderInfo(String modelId, int dimensions, int maxTokens, boolean normalized, String metric) {
}
