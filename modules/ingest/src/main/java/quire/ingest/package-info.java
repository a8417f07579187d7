/** Quire ingest. */
package quire.ingest;
