package quire.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** Decides a file's MIME type from its bytes; the filename is at most a tie-breaker. */
@FunctionalInterface
public interface ContentTypeDetector {

    /**
     * @param file     the bytes
     * @param filename the client's name, may be null
     * @return a MIME type without parameters
     */
    String detect(Path file, String filename) throws IOException;
}
