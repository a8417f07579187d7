package quire.catalog;

/**
 * A request the catalog refuses. {@link #status()} is the HTTP status the API answers with
 * (400 invalid input, 404 not found, 409 conflict); the message is the {@code detail}.
 */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public CatalogException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static CatalogException badRequest(String message) {
        return new CatalogException(400, message);
    }

    public static CatalogException notFound(String message) {
        return new CatalogException(404, message);
    }
}
