package quire.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.ChunkKey;

class IndexSnapshotTest {
    private static final int DIMS = 32;
    private static final IndexOptions OPTIONS = new IndexOptions(DIMS, "model-a", 8, 40);

    @TempDir
    Path dir;
    private VectorIndex index;
    private float[][] vectors;

    @BeforeEach
    void build() {
        Random random = new Random(5);
        vectors = Vectors.clustered(random, 600, DIMS, 12);
        index = new VectorIndex(OPTIONS);
        for (int i = 0; i < vectors.length; i++) {
            index.add(key(i), vectors[i]);
        }
        // removed nodes stay in the graph and must survive the round trip as such
        index.removeDocument("doc-3");
        index.remove(key(77));
    }

    private static ChunkKey key(int i) {
        return new ChunkKey("doc-" + (i / 10), i % 10);
    }

    @Test
    void roundTripKeepsKeysSequenceAndAnswers() throws IOException {
        Path file = dir.resolve("chunks.qidx");
        IndexSnapshot.write(index, 4242, file);
        IndexSnapshot.Loaded loaded = IndexSnapshot.read(file, OPTIONS);
        assertTrue(loaded.graphKept());
        assertEquals(4242, loaded.maxSequence());
        assertEquals(index.keys(), loaded.index().keys());
        assertFalse(loaded.index().contains(key(77)));
        assertFalse(loaded.index().contains(key(30)));
        for (int q = 0; q < 50; q++) {
            assertEquals(index.search(vectors[q * 11], 10, 40), loaded.index().search(vectors[q * 11], 10, 40));
        }
        // exact scans read the restored documents' chunks (removed ones stay out)
        assertEquals(index.exactSearchDocuments(vectors[42], 10, List.of("doc-3", "doc-4", "doc-7")),
                loaded.index().exactSearchDocuments(vectors[42], 10, List.of("doc-3", "doc-4", "doc-7")));
        assertEquals(index.select(List.of("doc-3", "doc-4", "doc-7")).chunkCount(), loaded.index().select(List.of("doc-3", "doc-4", "doc-7")).chunkCount());
        assertEquals(0, loaded.index().chunkCount("doc-3"));
        // filtered walks read the node numbers the restore recorded: the same answers as the original
        Set<String> some = Set.of("doc-2", "doc-4", "doc-6", "doc-8", "doc-10", "doc-12");
        for (int q = 0; q < 20; q++) {
            assertEquals(index.searchDocuments(vectors[q * 7], 10, 40, some), loaded.index().searchDocuments(vectors[q * 7], 10, 40, some));
        }
        // the restored index keeps working: adds, document removal, search
        loaded.index().add(new ChunkKey("new", 0), vectors[30]);
        assertEquals(new ChunkKey("new", 0), loaded.index().search(vectors[30], 1, 20).get(0).key());
        assertEquals(10, loaded.index().removeDocument("doc-5"));
        assertEquals(index.size() + 1 - 10, loaded.index().size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void vectorsOnlySnapshotRebuildsTheGraph() throws IOException {
        Path file = dir.resolve("vectors.qidx");
        IndexSnapshot.write(index, 7, file, false);
        IndexSnapshot.Loaded loaded = IndexSnapshot.read(file, OPTIONS);
        assertFalse(loaded.graphKept());
        assertEquals(index.keys(), loaded.index().keys());
        assertEquals(key(100), loaded.index().search(vectors[100], 1, 40).get(0).key());
    }

    @Test
    void overwritingReplacesTheSnapshot() throws IOException {
        Path file = dir.resolve("chunks.qidx");
        IndexSnapshot.write(index, 1, file);
        index.removeDocument("doc-0");
        IndexSnapshot.write(index, 2, file);
        IndexSnapshot.Loaded loaded = IndexSnapshot.read(file, OPTIONS);
        assertEquals(2, loaded.maxSequence());
        assertFalse(loaded.index().contains(key(0)));
    }

    @Test
    void missingSnapshotIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> IndexSnapshot.read(dir.resolve("absent.qidx"), OPTIONS));
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        Path file = dir.resolve("chunks.qidx");
        IndexSnapshot.write(index, 1, file);
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 1, 7, 8, 20, 60, bytes.length / 3, bytes.length / 2, bytes.length - 5, bytes.length - 4,
                                     bytes.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(bytes, length));
            SnapshotException e = assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, OPTIONS),
                    "truncated to " + length);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void flippedBitsAnywhereAreDetected() throws IOException {
        Path file = dir.resolve("chunks.qidx");
        IndexSnapshot.write(index, 1, file);
        byte[] bytes = Files.readAllBytes(file);
        Random random = new Random(11);
        int[] positions = new int[40];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i < 12 ? i * 5 : random.nextInt(bytes.length);
        }
        positions[positions.length - 1] = bytes.length - 1; // the checksum itself
        for (int position : positions) {
            byte[] copy = bytes.clone();
            copy[position] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, copy);
            assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, OPTIONS), "bit flipped at " + position);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        Files.write(file, longer);
        assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, OPTIONS), "trailing byte");
    }

    @Test
    void wrongMagicFormatAndVersionAreNamed() throws IOException {
        Path file = dir.resolve("chunks.qidx");
        IndexSnapshot.write(index, 1, file);
        byte[] bytes = Files.readAllBytes(file);

        byte[] magic = bytes.clone();
        magic[0] = 'X';
        Files.write(file, magic);
        assertTrue(assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, OPTIONS)).getMessage().contains("magic"));

        // format name starts after the 8-byte magic and its 2-byte length
        byte[] format = bytes.clone();
        format[10] = 'Q';
        Files.write(file, withChecksum(format));
        assertTrue(assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, OPTIONS)).getMessage().contains("format"));

        // the version int follows "quire-hnsw" (10 bytes); a correct checksum proves the version check itself.
        // Version 1 held float vectors: a snapshot from before the 16-bit codes is refused (and the index rebuilt)
        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).putInt(8 + 2 + 10, 1);
        Files.write(file, withChecksum(version));
        assertTrue(assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, OPTIONS)).getMessage().contains("version 1"));

        // and a file rewritten with a correct checksum but otherwise unchanged still loads
        Files.write(file, withChecksum(bytes.clone()));
        assertEquals(index.keys(), IndexSnapshot.read(file, OPTIONS).index().keys());
    }

    @Test
    void otherDimensionsModelOrGraphParametersAreRefused() throws IOException {
        Path file = dir.resolve("chunks.qidx");
        IndexSnapshot.write(index, 1, file);
        for (IndexOptions other : List.of(new IndexOptions(DIMS + 1, "model-a", 8, 40), new IndexOptions(DIMS, "model-b", 8, 40),
                new IndexOptions(DIMS, "model-a", 16, 40), new IndexOptions(DIMS, "model-a", 8, 41))) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> IndexSnapshot.read(file, other));
            assertTrue(e.getMessage().contains("another index"), e.getMessage());
        }
    }

    @Test
    void emptyIndexRoundTrips() throws IOException {
        Path file = dir.resolve("empty.qidx");
        IndexSnapshot.write(new VectorIndex(OPTIONS), 0, file);
        IndexSnapshot.Loaded loaded = IndexSnapshot.read(file, OPTIONS);
        assertEquals(0, loaded.index().size());
        assertTrue(loaded.index().search(vectors[0], 3, 10).isEmpty());
        loaded.index().add(key(1), vectors[1]);
        assertEquals(key(1), loaded.index().search(vectors[1], 3, 10).get(0).key());
    }

    private static byte[] withChecksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        return bytes;
    }
}
