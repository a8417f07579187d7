package quire.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Embedded chunks on disk, so a run reuses what an earlier one embedded. {@code <name>.f32}: a
 * header (ASCII {@code QVEC}, then little-endian int32 version 1, int32 dimensions, int32 length
 * and the UTF-8 bytes of the model id) followed by the vectors, float32 little-endian, one after
 * the other. {@code <name>.pages}: one little-endian int32 per vector, the page it came from (the
 * bench's documents). Both only grow; the count is what both hold in full.
 */
final class VectorCache implements AutoCloseable {
    private static final int VERSION = 1;
    private final Path vectors;
    private final Path pages;
    private final int dimensions;
    private final long headerBytes;
    private FileChannel vectorOut;
    private FileChannel pageOut;

    private VectorCache(Path vectors, Path pages, int dimensions, long headerBytes) {
        this.vectors = vectors;
        this.pages = pages;
        this.dimensions = dimensions;
        this.headerBytes = headerBytes;
    }

    /** The cached vectors: a flat row-major matrix and each row's page. */
    record Loaded(int dimensions, int count, float[] matrix, int[] pages) {
        float[] row(int i) {
            float[] v = new float[dimensions];
            System.arraycopy(matrix, i * dimensions, v, 0, dimensions);
            return v;
        }
    }

    /** Opens (creating when absent) the cache {@code <base>.f32}/{@code <base>.pages} for a model. */
    static VectorCache open(Path base, String modelId, int dimensions) throws IOException {
        Path v = base.resolveSibling(base.getFileName() + ".f32");
        Path p = base.resolveSibling(base.getFileName() + ".pages");
        Files.createDirectories(v.toAbsolutePath().getParent());
        byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
        long header = 16L + model.length;
        if (!Files.exists(v)) {
            ByteBuffer h = ByteBuffer.allocate((int) header).order(ByteOrder.LITTLE_ENDIAN);
            h.put("QVEC".getBytes(StandardCharsets.US_ASCII)).putInt(VERSION).putInt(dimensions).putInt(model.length).put(model);
            Files.write(v, h.array());
            Files.deleteIfExists(p);
            Files.createFile(p);
        } else {
            ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(v), 0, (int) Math.min(Files.size(v), header))
                    .order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            h.get(magic);
            int version = h.getInt();
            int dims = h.getInt();
            int len = h.getInt();
            byte[] m = new byte[len];
            h.get(m);
            if (!"QVEC".equals(new String(magic, StandardCharsets.US_ASCII)) || version != VERSION || dims != dimensions
                    || !modelId.equals(new String(m, StandardCharsets.UTF_8))) {
                throw new IOException(v + " holds other vectors (model " + new String(m, StandardCharsets.UTF_8)
                        + ", " + dims + " dims); delete it or pass another --cache");
            }
        }
        VectorCache cache = new VectorCache(v, p, dimensions, header);
        // a run stopped mid-write leaves a partial row: cut both files to the rows they both hold
        int n = cache.count();
        try (FileChannel c = FileChannel.open(v, StandardOpenOption.WRITE)) {
            c.truncate(header + (long) n * dimensions * 4);
        }
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.truncate(4L * n);
        }
        return cache;
    }

    /** @return how many vectors the cache holds in full */
    int count() throws IOException {
        long rows = (Files.size(vectors) - headerBytes) / (4L * dimensions);
        return (int) Math.min(rows, Files.size(pages) / 4);
    }

    /** Appends vectors and their pages. */
    void append(List<float[]> rows, int[] pageOfRow) throws IOException {
        if (vectorOut == null) {
            vectorOut = FileChannel.open(vectors, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            pageOut = FileChannel.open(pages, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteBuffer b = ByteBuffer.allocate(rows.size() * dimensions * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            if (row.length != dimensions) {
                throw new IOException("vector of " + row.length + " dimensions in a cache of " + dimensions);
            }
            for (float f : row) {
                b.putFloat(f);
            }
        }
        b.flip();
        while (b.hasRemaining()) {
            vectorOut.write(b);
        }
        ByteBuffer pb = ByteBuffer.allocate(rows.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows.size(); i++) {
            pb.putInt(pageOfRow[i]);
        }
        pb.flip();
        while (pb.hasRemaining()) {
            pageOut.write(pb);
        }
        vectorOut.force(false);
        pageOut.force(false);
    }

    /** @return the first {@code n} vectors (fewer when the cache holds fewer) */
    Loaded read(int n) throws IOException {
        int count = Math.min(n, count());
        float[] matrix = new float[count * dimensions];
        try (FileChannel c = FileChannel.open(vectors, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            long pos = headerBytes;
            int filled = 0;
            while (filled < matrix.length) {
                b.clear();
                b.limit((int) Math.min(b.capacity(), 4L * (matrix.length - filled)));
                int r = c.read(b, pos);
                if (r <= 0) {
                    throw new IOException("short read in " + vectors);
                }
                pos += r;
                b.flip();
                int floats = b.remaining() / 4;
                b.asFloatBuffer().get(matrix, filled, floats);
                filled += floats;
                // a read that ended mid-float is re-read from its start
                pos -= b.remaining() - floats * 4L;
            }
        }
        int[] pageOf = new int[count];
        ByteBuffer pb = ByteBuffer.wrap(Files.readAllBytes(pages)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            pageOf[i] = pb.getInt();
        }
        return new Loaded(dimensions, count, matrix, pageOf);
    }

    @Override
    public void close() throws IOException {
        if (vectorOut != null) {
            vectorOut.close();
            pageOut.close();
        }
    }
}
