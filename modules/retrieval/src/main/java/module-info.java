/**
 * Quire retrieval: the Morphik metadata filter language (spec §3) parsed once from JSON into the
 * SPI's typed tree ({@link quire.spi.filter.FilterNode}) and evaluated in memory with the same
 * semantics the storage backends compile to SQL. Vector and keyword search, fusion and rerank
 * build on it.
 */
module quire.retrieval {
    requires transitive quire.spi;
    requires transitive jakarta.json;

    exports quire.retrieval;
}
