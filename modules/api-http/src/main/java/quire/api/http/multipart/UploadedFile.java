package quire.api.http.multipart;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file part, already written to a temporary file owned by the {@link MultipartForm} that holds
 * it: the file is deleted when the form is closed unless the route moved it away first.
 *
 * @param fieldName   the part's {@code name} ({@code file} or {@code files} for the Morphik SDK)
 * @param filename    the client's filename, raw and untrusted: may be empty, contain path
 *                    separators, {@code ..}, control characters or 2,000 characters; never use it as
 *                    a path. httpx sends {@code "} as {@code %22}; this is kept as sent, as Morphik's
 *                    server does. {@code filename*} (RFC 5987) wins over {@code filename}.
 * @param contentType the part's {@code Content-Type} as declared by the client, or {@code null} when
 *                    the part had none
 * @param tempFile    where the bytes are (permissions owner-only where the file system allows)
 * @param size        number of bytes in {@code tempFile}
 */
public record UploadedFile(String fieldName, String filename, String contentType, Path tempFile, long size) {

    /** Rejects nulls other than {@code contentType} and negative sizes. */
    public UploadedFile {
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(tempFile, "tempFile");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }
}
