package quire.bench;

/**
 * One document's trip through the server.
 *
 * @param documentId       the server's id
 * @param completed        true when it reached {@code completed}, false when {@code failed}
 * @param chunks           length of {@code chunk_ids} (0 when failed)
 * @param secondsToSettled from the start of the upload to the poll that saw it settle
 * @param error            the server's error when failed, else null
 */
record DocumentTiming(String documentId, boolean completed, int chunks, double secondsToSettled, String error) {
}
