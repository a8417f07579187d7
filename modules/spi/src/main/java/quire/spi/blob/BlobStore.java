package quire.spi.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import quire.spi.Provider;

/**
 * Stores file bytes. Keys are opaque to callers: the store must refuse any key that would
 * escape its root (path traversal, absolute paths, NUL, device names) rather than rewrite it.
 * Writes are atomic: a reader sees the old bytes or the new bytes, never a part.
 */
public interface BlobStore extends Provider {

    /**
     * Writes bytes under (bucket, key), replacing what was there.
     *
     * @param bucket   a namespace, e.g. the app id or {@code documents}
     * @param key      the object key; may contain {@code /} separated segments
     * @param content  the bytes; read to the end, not closed
     * @param maxBytes the write fails with {@link BlobTooLargeException} past this many bytes
     * @return what was stored
     * @throws IOException on I/O failure; nothing is left behind
     */
    BlobInfo put(String bucket, String key, InputStream content, long maxBytes) throws IOException;

    /** @return the bytes, empty when absent; the caller closes the stream */
    Optional<InputStream> get(String bucket, String key) throws IOException;

    /** @return size and digest, empty when absent */
    Optional<BlobInfo> stat(String bucket, String key) throws IOException;

    /** @return true when something was deleted */
    boolean delete(String bucket, String key) throws IOException;
}
