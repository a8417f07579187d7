package quire.api.http.multipart;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** Hands out at most a random number of bytes per read, like a network stream would. */
final class ChunkedInputStream extends FilterInputStream {

    private final int maxChunk;
    private final Random random;

    ChunkedInputStream(InputStream in, int maxChunk, Random random) {
        super(in);
        this.maxChunk = maxChunk;
        this.random = random;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(maxChunk)));
    }
}
