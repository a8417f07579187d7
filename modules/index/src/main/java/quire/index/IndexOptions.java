package quire.index;

import java.util.Objects;

/**
 * How an index is shaped. A snapshot is only reused when all of these match it.
 *
 * @param dimensions      vector length
 * @param modelId         the embedding model the vectors come from
 * @param m               HNSW links per node and layer (layer 0 keeps twice as many)
 * @param efConstruction  HNSW candidate list size while inserting
 */
public record IndexOptions(int dimensions, String modelId, int m, int efConstruction) {
    /**
     * Links per node. With {@link #DEFAULT_EF_CONSTRUCTION} this measured recall@10 0.997 at
     * ef 100 on 10k real 384-d sentence embeddings (0.94 on harder synthetic data; see IndexBench).
     */
    public static final int DEFAULT_M = 16;
    /**
     * Default candidate list size while inserting: Lucene's, Qdrant's and Weaviate's default
     * neighbourhood (pgvector uses 64). Every chunk ingested pays for it: at 200 the insert was
     * about 5% of the ingestion workers' CPU (the model is the rest), and a 1M rebuild took 45
     * minutes on 2 cores; recall at search time is bought with ef instead.
     */
    public static final int DEFAULT_EF_CONSTRUCTION = 100;

    public IndexOptions {
        Objects.requireNonNull(modelId, "modelId");
        if (dimensions < 1 || dimensions > 65_536) {
            throw new IllegalArgumentException("dimensions must be in 1..65536: " + dimensions);
        }
        if (m < 2 || m > 256) {
            throw new IllegalArgumentException("m must be in 2..256: " + m);
        }
        if (efConstruction < 1 || efConstruction > 10_000) {
            throw new IllegalArgumentException("efConstruction must be in 1..10000: " + efConstruction);
        }
    }

    /** @return options with the default graph parameters */
    public static IndexOptions of(int dimensions, String modelId) {
        return new IndexOptions(dimensions, modelId, DEFAULT_M, DEFAULT_EF_CONSTRUCTION);
    }
}
