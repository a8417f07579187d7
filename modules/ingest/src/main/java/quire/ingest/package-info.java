/**
 * Ingestion: {@link quire.ingest.IngestionService} accepts documents and a pool of workers turns
 * them into durable, embedded chunks through the job queue in the storage backend.
 */
package quire.ingest;
