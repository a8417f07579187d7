/**
 * Quire ingestion: turns uploaded bytes into durable, embedded chunks through a job queue kept
 * in the database (queued, parsing, chunking, embedding, storing, then completed or failed).
 * Works on SPI interfaces only; the server wires the configured providers in.
 */
module quire.ingest {
    requires quire.json;
    requires transitive quire.spi;
    requires transitive jakarta.json;

    exports quire.ingest;
}
