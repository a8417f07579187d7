package quire.spi.blob;

/** Thrown when a bucket or key is not acceptable (traversal, absolute, NUL, too long ...). */
public class InvalidBlobKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidBlobKeyException(String message) {
        super(message);
    }
}
