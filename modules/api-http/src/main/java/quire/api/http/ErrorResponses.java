package quire.api.http;

import java.lang.System.Logger.Level;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place that turns a failure into Morphik's error body {@code {"detail": ...}}. An
 * unexpected exception is a bug: it is logged (class and message only; the request is
 * described by method and path, never by headers or body) and answered with a plain 500.
 */
public final class ErrorResponses {

    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    /** Answers {@code failure} on {@code res}, unless the response is already on the wire. */
    public static void send(ServerRequest req, ServerResponse res, Throwable failure) {
        ApiException api = translate(failure);
        if (api == null) {
            LOG.log(Level.ERROR, "Unhandled error on " + req.prologue().method().text() + " "
                    + req.path().rawPath(), failure);
            api = new ApiException(500, "Internal Server Error");
        }
        if (res.isSent()) {
            // Headers are gone (streamed response); the client sees a truncated body, we log it.
            LOG.log(Level.WARNING, "Error after the response was sent: " + api.getMessage());
            return;
        }
        res.status(Status.create(api.status()));
        api.headers().forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(JsonResponses.detailBytes(api.detail()));
    }

    /** Maps the typed failures of the services to their HTTP answers; null for a bug (500). */
    static ApiException translate(Throwable failure) {
        if (failure instanceof ApiException e) {
            return e;
        }
        if (failure instanceof quire.catalog.CatalogException e) {
            return new ApiException(e.status(), e.getMessage());
        }
        if (failure instanceof quire.retrieval.RetrievalUnavailableException e) {
            return new ApiException(503, e.getMessage());
        }
        if (failure instanceof quire.retrieval.RetrievalException || failure instanceof quire.retrieval.FilterException) {
            return new ApiException(400, failure.getMessage());
        }
        if (failure instanceof java.util.ConcurrentModificationException e) {
            return new ApiException(409, e.getMessage());
        }
        if (failure instanceof quire.spi.blob.BlobTooLargeException e) {
            return new ApiException(413, e.getMessage());
        }
        if (failure instanceof quire.spi.blob.InvalidBlobKeyException e) {
            return new ApiException(400, e.getMessage());
        }
        if (failure instanceof quire.api.http.multipart.MultipartException e) {
            return new ApiException(e.httpStatus(), e.getMessage());
        }
        return null;
    }
}
