package quire.api.http.multipart;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Streaming {@code multipart/form-data} parser (RFC 7578, RFC 2046 §5.1). Reads the body once
 * through a fixed buffer: field values are collected in memory within their limits, file parts
 * are written straight to owner-only temporary files. A body that ends early is a
 * {@link MalformedMultipartException}; the parser never waits for bytes past the end of the
 * stream. On any failure every temporary file it created is deleted before the exception leaves.
 *
 * <p>Waiting on a client that stops sending is the web server's read timeout's business: the
 * parser blocks only inside {@link InputStream#read(byte[], int, int)}.
 */
public final class MultipartParser {

    /** Read buffer size; part content never occupies more memory than this (plus field values). */
    static final int BUFFER_SIZE = 64 * 1024;

    /** RFC 2046: a boundary is 1 to 70 characters. */
    private static final int MAX_BOUNDARY_LENGTH = 70;

    private static final String BOUNDARY_CHARS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

    private MultipartParser() {
    }

    /**
     * Parses a whole body. The stream is read up to its end (the epilogue is drained) but not
     * closed.
     *
     * @param body               the request body
     * @param contentTypeHeader  the request's {@code Content-Type}, e.g.
     *                           {@code multipart/form-data; boundary=0f3c...}; may be {@code null}
     * @param limits             bounds to enforce
     * @param tempDir            an existing directory for file parts
     * @return the form; the caller closes it to delete the temporary files
     * @throws MalformedMultipartException for a bad header or body (HTTP 400)
     * @throws MultipartLimitException     when a bound is exceeded (HTTP 413)
     * @throws IOException                 when reading the body or writing a temporary file fails
     */
    public static MultipartForm parse(InputStream body, String contentTypeHeader, MultipartLimits limits,
            Path tempDir) throws IOException, MultipartException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tempDir, "tempDir");
        byte[] boundary = boundary(contentTypeHeader);
        List<FormField> fields = new ArrayList<>();
        List<UploadedFile> files = new ArrayList<>();
        List<Path> created = new ArrayList<>();
        boolean complete = false;
        try {
            BoundaryInput input = new BoundaryInput(body, boundary, limits.maxTotalBytes(),
                    Math.max(BUFFER_SIZE, limits.maxHeaderBytes() + 1024));
            input.readUntilDelimiter(BoundaryInput.DISCARD,
                    "Multipart body does not contain the boundary given in Content-Type");
            int parts = 0;
            long fieldBytes = 0;
            while (input.nextPartFollows()) {
                if (++parts > limits.maxParts()) {
                    throw new MultipartLimitException(MultipartLimitException.Limit.PARTS, limits.maxParts());
                }
                PartHeaders headers = PartHeaders.read(input, limits.maxHeaderBytes());
                if (headers.filename() != null && headers.filename().indexOf('\u0000') >= 0) {
                    throw new MalformedMultipartException("NUL characters are not allowed in filenames");
                }
                if (headers.filename() != null) {
                    Path temp = createTempFile(tempDir);
                    created.add(temp);
                    FileSink sink;
                    try (OutputStream out = Files.newOutputStream(temp)) {
                        sink = new FileSink(out, limits.maxFileBytes());
                        input.readUntilDelimiter(sink, "Multipart body ended inside a file part (truncated body?)");
                    }
                    files.add(new UploadedFile(headers.name(), headers.filename(), headers.contentType(), temp,
                            sink.size));
                } else {
                    FieldSink sink = new FieldSink(limits, fieldBytes);
                    input.readUntilDelimiter(sink, "Multipart body ended inside a form field (truncated body?)");
                    fieldBytes += sink.value.size();
                    String value = sink.value.toString(StandardCharsets.UTF_8);
                    if (value.indexOf('\u0000') >= 0) {
                        // PostgreSQL cannot store U+0000; refusing it everywhere keeps both databases alike
                        throw new MalformedMultipartException("NUL characters are not allowed in form field '"
                                + headers.name() + "'");
                    }
                    fields.add(new FormField(headers.name(), value));
                }
            }
            input.drain();
            complete = true;
            return new MultipartForm(fields, files);
        } finally {
            if (!complete) {
                for (Path path : created) {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        // The original failure matters more; the file stays in the temp directory.
                    }
                }
            }
        }
    }

    /** Extracts and validates the boundary of a {@code multipart/form-data} Content-Type. */
    static byte[] boundary(String contentTypeHeader) throws MalformedMultipartException {
        if (contentTypeHeader == null || contentTypeHeader.isBlank()) {
            throw new MalformedMultipartException("Missing Content-Type: expected multipart/form-data");
        }
        HeaderParameters contentType = HeaderParameters.parse(contentTypeHeader, "Content-Type");
        if (!contentType.value().equalsIgnoreCase("multipart/form-data")) {
            throw new MalformedMultipartException("Content-Type must be multipart/form-data");
        }
        String boundary = contentType.parameters().get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new MalformedMultipartException("Content-Type multipart/form-data has no boundary parameter");
        }
        if (boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new MalformedMultipartException("Multipart boundary longer than " + MAX_BOUNDARY_LENGTH
                    + " characters");
        }
        for (int i = 0; i < boundary.length(); i++) {
            if (BOUNDARY_CHARS.indexOf(boundary.charAt(i)) < 0) {
                throw new MalformedMultipartException("Multipart boundary contains a character RFC 2046 forbids");
            }
        }
        if (boundary.endsWith(" ")) {
            throw new MalformedMultipartException("Multipart boundary must not end with a space");
        }
        return boundary.getBytes(StandardCharsets.US_ASCII);
    }

    private static Path createTempFile(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, "upload-", ".part", PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        }
        Path path = Files.createTempFile(dir, "upload-", ".part");
        if (dir.getFileSystem() == FileSystems.getDefault()) {
            // Without POSIX attributes (Windows) narrow access the portable way.
            File file = path.toFile();
            file.setReadable(false, false);
            file.setReadable(true, true);
            file.setWritable(false, false);
            file.setWritable(true, true);
        }
        return path;
    }

    /** Writes a file part through, refusing bytes past the per-file bound. */
    private static final class FileSink implements BoundaryInput.Sink {
        private final OutputStream out;
        private final long maxBytes;
        private long size;

        FileSink(OutputStream out, long maxBytes) {
            this.out = out;
            this.maxBytes = maxBytes;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException, MultipartException {
            if (size + length > maxBytes) {
                throw new MultipartLimitException(MultipartLimitException.Limit.FILE_BYTES, maxBytes);
            }
            out.write(bytes, offset, length);
            size += length;
        }
    }

    /** Collects a field value, refusing bytes past the per-field and all-fields bounds. */
    private static final class FieldSink implements BoundaryInput.Sink {
        private final ByteArrayOutputStream value = new ByteArrayOutputStream();
        private final MultipartLimits limits;
        private final long fieldBytesBefore;

        FieldSink(MultipartLimits limits, long fieldBytesBefore) {
            this.limits = limits;
            this.fieldBytesBefore = fieldBytesBefore;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws MultipartException {
            long size = (long) value.size() + length;
            if (size > limits.maxFieldBytes()) {
                throw new MultipartLimitException(MultipartLimitException.Limit.FIELD_BYTES, limits.maxFieldBytes());
            }
            if (fieldBytesBefore + size > limits.maxTotalFieldBytes()) {
                throw new MultipartLimitException(MultipartLimitException.Limit.TOTAL_FIELD_BYTES,
                        limits.maxTotalFieldBytes());
            }
            value.write(bytes, offset, length);
        }
    }
}
