package quire.api.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import quire.api.http.multipart.MultipartException;
import quire.api.http.multipart.MultipartForm;
import quire.api.http.multipart.MultipartLimits;
import quire.api.http.multipart.MultipartParser;
import quire.api.http.multipart.UploadedFile;

/**
 * Receives the multipart bodies of the upload routes: files stream to owner-only temp files
 * under {@link QuireServices#tempDirectory()}, bounded by {@link QuireServices#maxUploadBytes()}.
 * A body that fails half-way (malformed, over a limit, or over the server's body limit while it
 * streams) leaves no temp file behind: the parser deletes what it wrote before the failure
 * leaves it, and routes close the form when they are done.
 */
final class UploadForms {

    private UploadForms() {
    }

    /** @return the parsed form; the caller closes it */
    static MultipartForm parse(ServerRequest req, QuireServices services) throws IOException, MultipartException {
        Path dir = services.tempDirectory();
        Files.createDirectories(dir);
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        return MultipartParser.parse(req.content().inputStream(), contentType, limits(services.maxUploadBytes()), dir);
    }

    /** @return the single required file part; 422 {@code missing} at {@code ["body", name]} otherwise */
    static UploadedFile requiredFile(MultipartForm form, String name) {
        return form.file(name).orElseThrow(() -> RequestValidationException.of(
                ValidationError.of(List.of("body", name), "missing", "Field required")));
    }

    /** @return the client's file name, kept verbatim; null when it sent none */
    static String clientFilename(UploadedFile file) {
        return file.filename().isEmpty() ? null : file.filename();
    }

    private static MultipartLimits limits(long maxUploadBytes) {
        MultipartLimits defaults = MultipartLimits.defaults();
        if (maxUploadBytes <= 0) {
            return defaults;
        }
        // The body limit bounds the whole request; one file can be no larger than that either.
        return defaults.withMaxFileBytes(maxUploadBytes).withMaxTotalBytes(maxUploadBytes);
    }
}
