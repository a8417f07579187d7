package quire.retrieval;

import java.util.Objects;

import quire.spi.storage.DocumentQuery;

/**
 * One semantic search.
 *
 * @param text      the query text (embedded with the query prefix of the model)
 * @param narrowing which documents may answer: folders, end user, metadata filter (status and
 *                  paging are set by the service)
 * @param k         how many results
 * @param minScore  results scoring lower are dropped (0..1)
 * @param padding   neighbouring chunks to add on each side of every hit (0 = none)
 * @param rerank    rescore the candidates with the reranker when one is configured
 */
public record RetrievalQuery(String text, DocumentQuery narrowing, int k, double minScore, int padding, boolean rerank) {
    public RetrievalQuery {
        Objects.requireNonNull(text, "text");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0");
        }
    }
}
