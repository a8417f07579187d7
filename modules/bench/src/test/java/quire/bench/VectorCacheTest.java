package quire.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCacheTest {

    @TempDir
    Path dir;

    @Test
    void appendsAcrossOpeningsAndReadsBackInOrder() throws IOException {
        Path base = dir.resolve("vectors");
        try (VectorCache c = VectorCache.open(base, "model-a", 3)) {
            c.append(List.of(new float[] {1, 2, 3}, new float[] {4, 5, 6}), new int[] {0, 0});
        }
        try (VectorCache c = VectorCache.open(base, "model-a", 3)) {
            assertEquals(2, c.count());
            c.append(List.of(new float[] {7, 8, 9}), new int[] {1});
            VectorCache.Loaded all = c.read(10);
            assertEquals(3, all.count());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, all.matrix());
            assertArrayEquals(new int[] {0, 0, 1}, all.pages());
            assertArrayEquals(new float[] {4, 5, 6}, all.row(1));
            assertEquals(2, c.read(2).count());
        }
        // header: magic, version, dims, model id; then float32 little-endian
        byte[] bytes = Files.readAllBytes(base.resolveSibling("vectors.f32"));
        assertEquals("QVEC", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(16 + "model-a".length() + 9 * 4, bytes.length);
    }

    @Test
    void aPartialRowLeftByAStoppedRunIsCutOff() throws IOException {
        Path base = dir.resolve("vectors");
        try (VectorCache c = VectorCache.open(base, "m", 2)) {
            c.append(List.of(new float[] {1, 2}), new int[] {5});
        }
        try (FileChannel f = FileChannel.open(base.resolveSibling("vectors.f32"), StandardOpenOption.APPEND)) {
            f.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        }
        try (VectorCache c = VectorCache.open(base, "m", 2)) {
            assertEquals(1, c.count());
            c.append(List.of(new float[] {3, 4}), new int[] {6});
            assertArrayEquals(new float[] {1, 2, 3, 4}, c.read(5).matrix());
        }
    }

    @Test
    void anotherModelOrDimensionIsRefused() throws IOException {
        Path base = dir.resolve("vectors");
        VectorCache.open(base, "m", 2).close();
        assertThrows(IOException.class, () -> VectorCache.open(base, "other", 2));
        assertThrows(IOException.class, () -> VectorCache.open(base, "m", 3));
    }
}
