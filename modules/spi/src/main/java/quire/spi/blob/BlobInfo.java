package quire.spi.blob;

/**
 * A stored object.
 *
 * @param bucket the bucket
 * @param key    the key
 * @param size   bytes
 * @param sha256 lower-case hex digest of the bytes
 */
public record BlobInfo(String bucket, String key, long size, String sha256) {
}
