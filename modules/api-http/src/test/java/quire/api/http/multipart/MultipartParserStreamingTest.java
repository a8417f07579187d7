package quire.api.http.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20 MB upload is generated on the fly (never held in memory by the test) and the parser is
 * watched while it reads: the bytes it has taken from the stream may run ahead of the bytes on disk
 * by at most its read buffer, so the file part is streamed, not accumulated.
 */
class MultipartParserStreamingTest {

    private static final long FILE_SIZE = 20L * 1024 * 1024;
    private static final String BOUNDARY = "5f0c3a7be1d24c8e9a6b0d3f7e2c1a94";

    @TempDir
    Path tempDir;

    @Test
    void twentyMegabyteFileIsStreamedToDiskWithBoundedReadAhead() throws Exception {
        byte[] head = ("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        WatchingBody body = new WatchingBody(head, FILE_SIZE, tail, tempDir);
        CRC32 sent = new CRC32();
        try (InputStream content = new GeneratedBytes(FILE_SIZE)) {
            try (CheckedInputStream checked = new CheckedInputStream(content, sent)) {
                checked.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }

        try (MultipartForm form = MultipartParser.parse(body, "multipart/form-data; boundary=" + BOUNDARY,
                MultipartLimits.defaults(), tempDir)) {
            UploadedFile file = form.file("file").orElseThrow();
            assertEquals(FILE_SIZE, file.size());
            assertEquals(FILE_SIZE, Files.size(file.tempFile()));
            CRC32 received = new CRC32();
            try (CheckedInputStream checked = new CheckedInputStream(Files.newInputStream(file.tempFile()), received)) {
                checked.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertEquals(sent.getValue(), received.getValue(), "file content arrives byte for byte");
            assertEquals(head.length + FILE_SIZE + tail.length, body.served);
        }
        assertTrue(body.checks >= 19, "read-ahead was checked during the upload: " + body.checks);
        assertTrue(body.maxAhead <= MultipartParser.BUFFER_SIZE,
                "parser held at most one buffer of file content in memory, held " + body.maxAhead);
    }

    /** Deterministic pseudo-random bytes, produced as they are read. */
    static final class GeneratedBytes extends InputStream {
        private final long size;
        private long produced;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedBytes(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                b[off + i] = (byte) (state >>> 56);
            }
            produced += n;
            return n;
        }
    }

    /**
     * Serves head, generated content and tail; about every megabyte it compares what the parser
     * has consumed of the file content with the size of the temp file on disk.
     */
    static final class WatchingBody extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long contentSize;
        private final GeneratedBytes content;
        private final Path tempDir;
        long served;
        long nextCheck = 1024 * 1024;
        long maxAhead;
        int checks;

        WatchingBody(byte[] head, long contentSize, byte[] tail, Path tempDir) {
            this.head = head;
            this.tail = tail;
            this.contentSize = contentSize;
            this.content = new GeneratedBytes(contentSize);
            this.tempDir = tempDir;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long contentServed = Math.max(0, Math.min(served - head.length, contentSize));
            if (contentServed >= nextCheck) {
                long onDisk = tempFileSize();
                maxAhead = Math.max(maxAhead, contentServed - onDisk);
                checks++;
                nextCheck += 1024 * 1024;
            }
            int n;
            if (served < head.length) {
                n = Math.min(len, head.length - (int) served);
                System.arraycopy(head, (int) served, b, off, n);
            } else if (served < head.length + contentSize) {
                n = content.read(b, off, len);
            } else {
                int at = (int) (served - head.length - contentSize);
                if (at >= tail.length) {
                    return -1;
                }
                n = Math.min(len, tail.length - at);
                System.arraycopy(tail, at, b, off, n);
            }
            served += n;
            return n;
        }

        private long tempFileSize() {
            try (Stream<Path> files = Files.list(tempDir)) {
                List<Path> all = files.toList();
                assertEquals(1, all.size(), "exactly one temp file while the file part streams");
                return Files.size(all.getFirst());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
