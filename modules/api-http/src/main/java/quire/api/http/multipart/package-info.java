/**
 * Streaming {@code multipart/form-data} parsing (RFC 7578 over RFC 2046) for the upload routes.
 *
 * <p>Internal to {@code quire.api.http} and free of Helidon types so it can be tested on plain
 * streams: a route hands {@link quire.api.http.multipart.MultipartParser} the request body and its
 * {@code Content-Type} header and gets a {@link quire.api.http.multipart.MultipartForm} whose file
 * parts already sit in owner-only temporary files. Every way a body can be wrong ends in one of two
 * typed exceptions ({@link quire.api.http.multipart.MalformedMultipartException} → 400,
 * {@link quire.api.http.multipart.MultipartLimitException} → 413), never in a hang or a generic
 * runtime exception, and never with temporary files left behind.
 */
package quire.api.http.multipart;
