package quire.spi.rerank;

import java.util.List;

import quire.spi.Provider;

/** Scores (query, passage) pairs; higher is more relevant. */
public interface Reranker extends Provider {

    /** @return one score in [0, 1] per passage, in order */
    List<Double> score(String query, List<String> passages) throws Exception;
}
