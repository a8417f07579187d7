/** Quire ingest: Durable ingestion queue and pipeline: sniff, parse, chunk, embed, store. */
module quire.ingest {
    requires quire.spi;
}
