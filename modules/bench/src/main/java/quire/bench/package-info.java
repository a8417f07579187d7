/** The ingestion benchmark harness: options, corpus, HTTP client, the two measurements and the table. */
package quire.bench;
