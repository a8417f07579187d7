/**
 * Quire retrieval: the Morphik metadata filter language (spec §3) parsed once from JSON into the
 * SPI's typed tree ({@link quire.spi.filter.FilterNode}) and evaluated in memory with the same
 * semantics the storage backends compile to SQL; and {@link quire.retrieval.RetrievalService},
 * the query planner over the vector index (an exact scan for selective filters, otherwise the
 * cheaper of a sketch scan and an HNSW walk that keeps only the candidates), reranking and
 * hydration from the database.
 */
module quire.retrieval {
    requires quire.json;
    requires transitive quire.spi;
    requires transitive jakarta.json;
    requires transitive quire.index;

    exports quire.retrieval;
}
