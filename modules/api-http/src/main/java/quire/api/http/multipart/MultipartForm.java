package quire.api.http.multipart;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code multipart/form-data} body: fields and files, each in the order they were sent,
 * repeated names kept (httpx sends lists as repeated fields and {@code ingest/files} repeats
 * {@code files}). Closing the form deletes every temporary file still in place, so a route that
 * keeps an upload moves its {@link UploadedFile#tempFile()} before closing.
 *
 * <p>Single-value lookups ({@link #field(String)}, {@link #file(String)}) return the <em>last</em>
 * value of a repeated name, as Starlette's {@code FormData.get} does for the Morphik server.
 */
public final class MultipartForm implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MultipartForm.class.getName());

    private final List<FormField> fields;
    private final List<UploadedFile> files;

    MultipartForm(List<FormField> fields, List<UploadedFile> files) {
        this.fields = List.copyOf(fields);
        this.files = List.copyOf(files);
    }

    /**
     * @return every non-file field, in body order
     */
    public List<FormField> allFields() {
        return fields;
    }

    /**
     * @return every file part, in body order
     */
    public List<UploadedFile> allFiles() {
        return files;
    }

    /**
     * @param name a field name
     * @return the last value sent under {@code name}, if any
     */
    public Optional<String> field(String name) {
        List<String> values = fields(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    /**
     * @param name a field name
     * @return every value sent under {@code name}, in body order (empty when none)
     */
    public List<String> fields(String name) {
        Objects.requireNonNull(name, "name");
        return fields.stream().filter(f -> f.name().equals(name)).map(FormField::value).toList();
    }

    /**
     * @param name a field name
     * @return whether a non-file field with that name was sent
     */
    public boolean hasField(String name) {
        return !fields(name).isEmpty();
    }

    /**
     * @param name a field name such as {@code use_colpali}
     * @return the last value read with {@link FormBooleans#parse(String)}; false when absent
     */
    public boolean booleanField(String name) {
        return FormBooleans.parse(field(name).orElse(null));
    }

    /**
     * @param name a part name
     * @return the last file sent under {@code name}, if any
     */
    public Optional<UploadedFile> file(String name) {
        List<UploadedFile> matching = files(name);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.getLast());
    }

    /**
     * @param name a part name
     * @return every file sent under {@code name}, in body order (empty when none)
     */
    public List<UploadedFile> files(String name) {
        Objects.requireNonNull(name, "name");
        return files.stream().filter(f -> f.fieldName().equals(name)).toList();
    }

    /** Deletes the temporary files that are still there; safe to call more than once. */
    @Override
    public void close() {
        for (UploadedFile file : files) {
            try {
                Files.deleteIfExists(file.tempFile());
            } catch (IOException e) {
                // Nothing the caller can do mid-response; the file stays in the upload temp directory.
                LOG.log(System.Logger.Level.WARNING, "Could not delete upload temp file " + file.tempFile()
                        + ": " + e.getClass().getSimpleName());
            }
        }
    }
}
