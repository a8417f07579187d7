package quire.api.http.multipart;

/**
 * Why a multipart body was refused. The two subtypes are the only failures the parser raises for
 * bad input; an {@link java.io.IOException} from the parser means the stream or the disk failed.
 * Messages describe the structure, never the content of a part.
 */
public abstract sealed class MultipartException extends Exception
        permits MalformedMultipartException, MultipartLimitException {

    MultipartException(String message) {
        super(message);
    }

    /**
     * @return the HTTP status a route answers with: 400 for malformed bodies, 413 for limits
     */
    public abstract int httpStatus();
}
