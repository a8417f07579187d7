package quire.spi.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One document to parse. The bytes are in a file so large inputs are never held in memory twice.
 *
 * @param file        the bytes
 * @param contentType the sniffed MIME type
 * @param filename    the client's file name, may be null; never trusted for the type
 */
public record ParseRequest(Path file, String contentType, String filename) {
    public ParseRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** @return a new stream over the bytes; the caller closes it */
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
