package quire.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import quire.spi.storage.ChunkKey;

/**
 * The index's own snapshot file (no Java serialisation). Big-endian, in this order:
 *
 * <pre>
 * magic        8 bytes  "QUIREIDX"
 * format       UTF      "quire-hnsw"
 * version      int      2 (1 held float vectors)
 * dimensions   int
 * model id     UTF
 * max sequence long     the highest storage sequence the index had applied
 * m, efConstruction  int, int
 * has links    byte     1 when the HNSW graph links follow each node
 * node count   int      nodes, removed ones included
 * entry point  int      -1 when empty
 * node*        UTF document id, int chunk number, byte removed,
 *              [byte layers, per layer: short n, n x int neighbour],
 *              float scale, dimensions x short code (see {@link ChunkItem})
 * checksum     int      CRC32C of every byte before it
 * </pre>
 *
 * A snapshot is written to a temporary file, forced to disk, then renamed over the old one, so
 * a crash leaves either the old or the new snapshot. Reading verifies everything before any of
 * it is used; any doubt is a {@link SnapshotException} and the caller rebuilds from the database.
 */
public final class IndexSnapshot {
    /** The format's name, stored in every file. */
    public static final String FORMAT = "quire-hnsw";
    /** The format's version; readers refuse other versions. */
    public static final int VERSION = 2;
    private static final byte[] MAGIC = "QUIREIDX".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LAYERS = 64;

    private IndexSnapshot() {
    }

    /**
     * A snapshot as read.
     *
     * @param index       the restored index
     * @param maxSequence the highest storage sequence it reflects
     * @param graphKept   true when the graph was restored as saved, false when rebuilt from the vectors
     */
    public record Loaded(VectorIndex index, long maxSequence, boolean graphKept) {
    }

    /**
     * Writes a snapshot of the index atomically.
     *
     * @param maxSequence the storage sequence up to which every chunk is reflected in the index
     * @param withLinks   false to store keys and vectors only (the graph is rebuilt on load)
     */
    public static void write(VectorIndex index, long maxSequence, Path file, boolean withLinks) throws IOException {
        write(index.image(withLinks), index.options(), maxSequence, file);
    }

    /** Writes a snapshot with the graph's links, atomically. */
    public static void write(VectorIndex index, long maxSequence, Path file) throws IOException {
        write(index, maxSequence, file, true);
    }

    static void write(GraphImage image, IndexOptions options, long maxSequence, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32C crc = new CRC32C();
                OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
                writeBody(out, image, options, maxSequence);
                out.flush();
                int checksum = (int) crc.getValue();
                DataOutputStream tail = new DataOutputStream(new BufferedOutputStream(raw, 8));
                tail.writeInt(checksum);
                tail.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeBody(DataOutputStream out, GraphImage image, IndexOptions options, long maxSequence)
            throws IOException {
        out.write(MAGIC);
        out.writeUTF(FORMAT);
        out.writeInt(VERSION);
        out.writeInt(options.dimensions());
        out.writeUTF(options.modelId());
        out.writeLong(maxSequence);
        out.writeInt(options.m());
        out.writeInt(options.efConstruction());
        boolean links = image.links() != null;
        out.writeByte(links ? 1 : 0);
        out.writeInt(image.nodeCount());
        out.writeInt(image.entryPoint());
        ByteBuffer codes = ByteBuffer.allocate(options.dimensions() * Short.BYTES);
        for (int i = 0; i < image.nodeCount(); i++) {
            ChunkItem item = image.items()[i];
            ChunkKey key = item.id();
            out.writeUTF(key.documentId());
            out.writeInt(key.chunkNumber());
            out.writeByte(image.deleted()[i] ? 1 : 0);
            if (links) {
                int[][] layers = image.links()[i];
                out.writeByte(layers.length);
                for (int[] layer : layers) {
                    out.writeShort(layer.length);
                    for (int neighbour : layer) {
                        out.writeInt(neighbour);
                    }
                }
            }
            out.writeFloat(item.scale());
            codes.clear();
            codes.asShortBuffer().put(item.codes());
            out.write(codes.array());
        }
    }

    /**
     * Reads and verifies a snapshot, then restores the index from it.
     *
     * @throws NoSuchFileException when there is no snapshot
     * @throws SnapshotException   when it is corrupt, truncated, of another format or version,
     *                             or of other dimensions, model or graph parameters than {@code expected}
     */
    public static Loaded read(Path file, IndexOptions expected) throws IOException {
        long size = Files.size(file);
        CRC32C crc = new CRC32C();
        GraphImage image;
        long maxSequence;
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            DataInputStream in = new DataInputStream(new CheckedInputStream(buffered, crc));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new SnapshotException("not a Quire index snapshot (bad magic)");
            }
            String format = in.readUTF();
            if (!FORMAT.equals(format)) {
                throw new SnapshotException("snapshot format is '" + printable(format) + "', expected " + FORMAT);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new SnapshotException("snapshot version " + version + " is not supported (this build reads " + VERSION + ")");
            }
            int dimensions = in.readInt();
            String modelId = in.readUTF();
            maxSequence = in.readLong();
            int m = in.readInt();
            int efConstruction = in.readInt();
            if (dimensions != expected.dimensions() || !modelId.equals(expected.modelId()) || m != expected.m()
                    || efConstruction != expected.efConstruction()) {
                throw new SnapshotException("snapshot is of another index (dimensions " + dimensions + ", model '"
                        + printable(modelId) + "', m " + m + ", efConstruction " + efConstruction + ")");
            }
            int hasLinks = in.readUnsignedByte();
            int nodeCount = in.readInt();
            int entryPoint = in.readInt();
            if (hasLinks > 1 || maxSequence < 0 || nodeCount < 0 || (long) nodeCount * (dimensions * Short.BYTES + Float.BYTES) > size
                    || entryPoint < -1 || entryPoint >= nodeCount || (entryPoint == -1) != (nodeCount == 0)) {
                throw new SnapshotException("snapshot header is corrupt");
            }
            image = readNodes(in, nodeCount, dimensions, hasLinks == 1, 2 * m, entryPoint);
            int computed = (int) crc.getValue();
            int stored = readIntRaw(buffered);
            if (buffered.read() != -1) {
                throw new SnapshotException("snapshot has trailing bytes");
            }
            if (computed != stored) {
                throw new SnapshotException("snapshot checksum mismatch");
            }
        } catch (EOFException e) {
            throw new SnapshotException("snapshot is truncated", e);
        } catch (java.io.UTFDataFormatException e) {
            throw new SnapshotException("snapshot is corrupt (bad text)", e);
        }
        validateKeys(image);
        boolean graphKept = image.links() != null && HnswGraphAccess.AVAILABLE;
        return new Loaded(VectorIndex.restore(expected, image), maxSequence, graphKept);
    }

    private static GraphImage readNodes(DataInputStream in, int nodeCount, int dimensions, boolean hasLinks, int maxLinks,
                                        int entryPoint) throws IOException {
        ChunkItem[] items = new ChunkItem[nodeCount];
        boolean[] deleted = new boolean[nodeCount];
        int[][][] links = hasLinks ? new int[nodeCount][][] : null;
        byte[] bytes = new byte[dimensions * Short.BYTES];
        ByteBuffer codeBytes = ByteBuffer.wrap(bytes);
        for (int i = 0; i < nodeCount; i++) {
            String documentId = in.readUTF();
            int chunkNumber = in.readInt();
            int removed = in.readUnsignedByte();
            if (chunkNumber < 0 || removed > 1) {
                throw new SnapshotException("snapshot node " + i + " is corrupt");
            }
            ChunkKey key = new ChunkKey(documentId, chunkNumber);
            deleted[i] = removed == 1;
            if (hasLinks) {
                int layerCount = in.readUnsignedByte();
                if (layerCount < 1 || layerCount > MAX_LAYERS) {
                    throw new SnapshotException("snapshot node " + i + " has a corrupt layer count");
                }
                int[][] layers = new int[layerCount][];
                for (int l = 0; l < layerCount; l++) {
                    int n = in.readUnsignedShort();
                    if (n > maxLinks) {
                        throw new SnapshotException("snapshot node " + i + " has a corrupt link count");
                    }
                    int[] layer = new int[n];
                    for (int j = 0; j < n; j++) {
                        int neighbour = in.readInt();
                        if (neighbour < 0 || neighbour >= nodeCount) {
                            throw new SnapshotException("snapshot node " + i + " links outside the graph");
                        }
                        layer[j] = neighbour;
                    }
                    layers[l] = layer;
                }
                links[i] = layers;
            }
            float scale = in.readFloat();
            in.readFully(bytes);
            short[] codes = new short[dimensions];
            codeBytes.clear();
            codeBytes.asShortBuffer().get(codes);
            items[i] = new ChunkItem(key, codes, scale);
        }
        if (hasLinks) {
            // a layer a node links on must exist on the neighbour too, or a search would index past its layers
            for (int i = 0; i < nodeCount; i++) {
                int[][] layers = links[i];
                for (int l = 0; l < layers.length; l++) {
                    for (int neighbour : layers[l]) {
                        if (links[neighbour].length <= l) {
                            throw new SnapshotException("snapshot node " + i + " links to a missing layer");
                        }
                    }
                }
            }
        }
        return new GraphImage(items, deleted, links, entryPoint);
    }

    private static void validateKeys(GraphImage image) throws SnapshotException {
        Set<ChunkKey> live = new HashSet<>();
        for (int i = 0; i < image.nodeCount(); i++) {
            ChunkItem item = image.items()[i];
            if (!image.deleted()[i] && !live.add(item.id())) {
                throw new SnapshotException("snapshot holds a chunk twice");
            }
            double sum = 0;
            for (float x : item.decode()) {
                sum += (double) x * x;
            }
            if (!(Math.abs(sum - 1) < 1e-3)) {
                throw new SnapshotException("snapshot node " + i + " holds a vector that is not unit length");
            }
        }
    }

    private static int readIntRaw(InputStream in) throws IOException {
        int a = in.read(), b = in.read(), c = in.read(), d = in.read();
        if ((a | b | c | d) < 0) {
            throw new EOFException();
        }
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename itself is still atomic there
        }
    }
}
