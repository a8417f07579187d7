package quire.spi.blob;

import java.io.IOException;

/** Thrown when a blob exceeds the size limit given to {@link BlobStore#put}. */
public class BlobTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BlobTooLargeException(String message) {
        super(message);
    }
}
