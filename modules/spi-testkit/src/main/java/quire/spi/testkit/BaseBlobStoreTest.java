package quire.spi.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import quire.spi.blob.BlobInfo;
import quire.spi.blob.BlobStore;
import quire.spi.blob.BlobTooLargeException;
import quire.spi.blob.InvalidBlobKeyException;

/**
 * The {@link BlobStore} contract. An implementation extends this class and returns a fresh,
 * empty store from {@link #createStore()}; the store is closed after each test.
 */
public abstract class BaseBlobStoreTest {

    /** The store under test, fresh for each test. */
    protected BlobStore store;

    /**
     * @return a new, empty store
     * @throws Exception when it cannot be created
     */
    protected abstract BlobStore createStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        store.close();
    }

    @Test
    void putThenGetReturnsTheSameBytesAndDigest() throws Exception {
        byte[] bytes = bytes(100_000, 1);
        BlobInfo info = store.put("app", "doc-1/report.pdf", new ByteArrayInputStream(bytes), 1_000_000);
        assertEquals(new BlobInfo("app", "doc-1/report.pdf", bytes.length, sha256(bytes)), info);
        assertArrayEquals(bytes, read("app", "doc-1/report.pdf"));
        assertEquals(info, store.stat("app", "doc-1/report.pdf").orElseThrow());
    }

    @Test
    void emptyBlobRoundTrips() throws Exception {
        assertEquals(0, store.put("app", "empty.txt", new ByteArrayInputStream(new byte[0]), 10).size());
        assertArrayEquals(new byte[0], read("app", "empty.txt"));
    }

    @Test
    void absentKeysAreEmpty() throws Exception {
        assertTrue(store.get("app", "nothing/here").isEmpty());
        assertTrue(store.stat("app", "nothing/here").isEmpty());
        assertFalse(store.delete("app", "nothing/here"));
    }

    @Test
    void putReplacesTheWholeValue() throws Exception {
        store.put("app", "k", new ByteArrayInputStream(bytes(50_000, 2)), 1_000_000);
        byte[] second = bytes(7, 3);
        store.put("app", "k", new ByteArrayInputStream(second), 1_000_000);
        assertArrayEquals(second, read("app", "k"));
    }

    @Test
    void tooLargePutFailsAndKeepsTheOldValue() throws Exception {
        byte[] original = bytes(10, 4);
        store.put("app", "k", new ByteArrayInputStream(original), 100);
        assertThrows(BlobTooLargeException.class, () -> store.put("app", "k", new ByteArrayInputStream(bytes(101, 5)), 100));
        assertArrayEquals(original, read("app", "k"));
        assertThrows(BlobTooLargeException.class, () -> store.put("app", "new", new ByteArrayInputStream(bytes(101, 6)), 100));
        assertTrue(store.get("app", "new").isEmpty(), "nothing half-written survives");
    }

    @Test
    void deleteRemovesOnlyThatKey() throws Exception {
        store.put("app", "a/1", new ByteArrayInputStream(new byte[] {1}), 10);
        store.put("app", "a/2", new ByteArrayInputStream(new byte[] {2}), 10);
        assertTrue(store.delete("app", "a/1"));
        assertTrue(store.get("app", "a/1").isEmpty());
        assertArrayEquals(new byte[] {2}, read("app", "a/2"));
    }

    @Test
    void bucketsAreSeparate() throws Exception {
        store.put("one", "k", new ByteArrayInputStream(new byte[] {1}), 10);
        store.put("two", "k", new ByteArrayInputStream(new byte[] {2}), 10);
        assertArrayEquals(new byte[] {1}, read("one", "k"));
        assertArrayEquals(new byte[] {2}, read("two", "k"));
    }

    @Test
    void keysThatWouldEscapeAreRefused() {
        for (String key : List.of("..", "../x", "a/../../x", "/etc/passwd", "x\u0000y", "", "a//b", "..\\x")) {
            assertThrows(InvalidBlobKeyException.class,
                    () -> store.put("app", key, new ByteArrayInputStream(new byte[] {1}), 10), "key " + key.replace("\u0000", "\\0"));
            assertThrows(InvalidBlobKeyException.class, () -> store.get("app", key));
        }
        for (String bucket : List.of("..", "a/b", "", "x\u0000")) {
            assertThrows(InvalidBlobKeyException.class,
                    () -> store.put(bucket, "k", new ByteArrayInputStream(new byte[] {1}), 10));
        }
    }

    @Test
    void realFileNamesRoundTrip() throws Exception {
        List<String> names = List.of("Quarterly report (final) v2.pdf", "r\u00e9sum\u00e9.docx", "\u4E2D\u6587.txt",
                "notes 10:30?.md", "100% done.txt", "\uD83D\uDE00.png");
        for (int i = 0; i < names.size(); i++) {
            store.put("app", "doc/" + names.get(i), new ByteArrayInputStream(new byte[] {(byte) i}), 10);
        }
        for (int i = 0; i < names.size(); i++) {
            assertArrayEquals(new byte[] {(byte) i}, read("app", "doc/" + names.get(i)), names.get(i));
        }
    }

    /**
     * @return the stored bytes of a key that must exist
     * @throws IOException on read failure
     */
    protected byte[] read(String bucket, String key) throws IOException {
        try (InputStream in = store.get(bucket, key).orElseThrow(() -> new AssertionError("missing " + bucket + "/" + key))) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
