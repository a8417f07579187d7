package quire.api.http.multipart;

/**
 * The body or its {@code Content-Type} header is not valid {@code multipart/form-data}: missing or
 * bad boundary, truncated body, bad part headers. Routes answer 400, as Starlette does for Morphik.
 */
public final class MalformedMultipartException extends MultipartException {

    /**
     * @param message what is wrong, without echoing part content
     */
    public MalformedMultipartException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
