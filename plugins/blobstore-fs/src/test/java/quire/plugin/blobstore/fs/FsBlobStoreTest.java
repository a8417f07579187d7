package quire.plugin.blobstore.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.SpiVersion;
import quire.spi.blob.BlobInfo;
import quire.spi.blob.BlobStore;
import quire.spi.blob.BlobStoreFactory;
import quire.spi.blob.BlobTooLargeException;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** Behaviour of the {@code fs} blob store on a real directory. */
class FsBlobStoreTest {

    @TempDir
    Path data;
    Path root;
    BlobStore store;

    @BeforeEach
    void open() throws Exception {
        data = data.toRealPath();
        root = data.resolve("blobs");
        store = create(Map.of());
    }

    private BlobStore create(Map<String, String> config) throws Exception {
        FsBlobStoreFactory factory = new FsBlobStoreFactory();
        return factory.create(TestingPluginConfig.of("quire.test", factory.configProperties(), config, data),
                TestingPluginContext.of(data, factory.id()));
    }

    @Test
    void factoryIsProvidedByTheModuleAndDeclaresItsConfig() {
        var descriptor = FsBlobStoreFactory.class.getModule().getDescriptor();
        if (descriptor != null) {
            assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(BlobStoreFactory.class.getName())
                    && p.providers().equals(List.of(FsBlobStoreFactory.class.getName()))), "module-info provides the factory");
        }
        BlobStoreFactory factory = new FsBlobStoreFactory();
        assertEquals("fs", factory.id());
        assertEquals(SpiVersion.CURRENT, factory.spiVersion());
        assertEquals("root", factory.configProperties().get(0).name());
        assertEquals("blobs", factory.configProperties().get(0).defaultValue());
    }

    @Test
    void roundTripReturnsTheBytesAndTheirDigest() throws Exception {
        byte[] bytes = randomBytes(200_000, 1);
        BlobInfo info = store.put("app-1", "doc-1/report final (v2).pdf", new ByteArrayInputStream(bytes), 1_000_000);
        assertEquals(new BlobInfo("app-1", "doc-1/report final (v2).pdf", bytes.length, sha256(bytes)), info);
        assertArrayEquals(bytes, read("app-1", "doc-1/report final (v2).pdf"));
        assertEquals(info, store.stat("app-1", "doc-1/report final (v2).pdf").orElseThrow());
        assertTrue(Files.isRegularFile(root.resolve("app-1").resolve("doc-1").resolve("report%20final%20%28v2%29.pdf")),
                "file names stay readable for operators");
    }

    @Test
    void emptyBlobIsStored() throws Exception {
        BlobInfo info = store.put("b", "empty", new ByteArrayInputStream(new byte[0]), 0);
        assertEquals(0, info.size());
        assertArrayEquals(new byte[0], read("b", "empty"));
    }

    @Test
    void absentKeysAreEmpty() throws Exception {
        assertTrue(store.get("b", "missing/file").isEmpty());
        assertTrue(store.stat("b", "missing").isEmpty());
        assertFalse(store.delete("b", "missing"));
    }

    @Test
    void overwriteReplacesTheWholeContent() throws Exception {
        store.put("b", "k", new ByteArrayInputStream(randomBytes(100_000, 2)), 1_000_000);
        byte[] second = randomBytes(10, 3);
        BlobInfo info = store.put("b", "k", new ByteArrayInputStream(second), 1_000_000);
        assertEquals(10, info.size());
        assertArrayEquals(second, read("b", "k"));
        assertNoTempFiles();
    }

    @Test
    void oversizedPutFailsAndLeavesNothingBehind() throws Exception {
        byte[] original = randomBytes(50, 4);
        store.put("b", "doc/k", new ByteArrayInputStream(original), 100);
        assertThrows(BlobTooLargeException.class,
                () -> store.put("b", "doc/k", new ByteArrayInputStream(randomBytes(101, 5)), 100));
        assertArrayEquals(original, read("b", "doc/k"), "the old bytes survive a failed replace");
        assertThrows(BlobTooLargeException.class,
                () -> store.put("b", "other/new", new ByteArrayInputStream(randomBytes(5000, 6)), 4096));
        assertTrue(store.get("b", "other/new").isEmpty());
        assertNoTempFiles();
    }

    @Test
    void failingStreamLeavesNothingBehind() throws Exception {
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        assertThrows(IOException.class, () -> store.put("b", "k", broken, 1_000_000));
        assertTrue(store.get("b", "k").isEmpty());
        assertNoTempFiles();
    }

    @Test
    void deleteRemovesTheFileAndEmptyDirectories() throws Exception {
        store.put("b", "doc-1/a.txt", new ByteArrayInputStream(new byte[] {1}), 10);
        store.put("b", "doc-2/a.txt", new ByteArrayInputStream(new byte[] {2}), 10);
        assertTrue(store.delete("b", "doc-1/a.txt"));
        assertFalse(store.delete("b", "doc-1/a.txt"));
        assertTrue(store.get("b", "doc-1/a.txt").isEmpty());
        assertFalse(Files.exists(root.resolve("b").resolve("doc-1")), "empty document directory removed");
        assertArrayEquals(new byte[] {2}, read("b", "doc-2/a.txt"));
        // the key space is usable again after pruning
        store.put("b", "doc-1/a.txt", new ByteArrayInputStream(new byte[] {3}), 10);
        assertArrayEquals(new byte[] {3}, read("b", "doc-1/a.txt"));
    }

    @Test
    void keyThatIsAPrefixOfAnotherKeyFailsCleanly() throws Exception {
        store.put("b", "a/b", new ByteArrayInputStream(new byte[] {1}), 10);
        assertThrows(IOException.class, () -> store.put("b", "a", new ByteArrayInputStream(new byte[] {2}), 10));
        assertThrows(IOException.class, () -> store.put("b", "a/b/c", new ByteArrayInputStream(new byte[] {3}), 10));
        assertTrue(store.get("b", "a").isEmpty());
        assertArrayEquals(new byte[] {1}, read("b", "a/b"));
        assertNoTempFiles();
    }

    @Test
    void concurrentPutsOfOneKeyEndWithOneCompleteVersion() throws Exception {
        int writers = 8;
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            versions.add(randomBytes(300_000 + i, 100 + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<BlobInfo>> results = new ArrayList<>();
            for (byte[] v : versions) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.put("b", "same/key", new ByteArrayInputStream(v), 1_000_000);
                }));
            }
            // readers during the race only ever see one whole version
            List<Future<Void>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        var in = store.get("b", "same/key");
                        if (in.isPresent()) {
                            try (InputStream s = in.get()) {
                                byte[] seen = s.readAllBytes();
                                assertTrue(versions.stream().anyMatch(v -> java.util.Arrays.equals(v, seen)), "torn read");
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<BlobInfo> f : results) {
                f.get();
            }
            for (Future<Void> f : readers) {
                f.get();
            }
        }
        byte[] finalBytes = read("b", "same/key");
        assertTrue(versions.stream().anyMatch(v -> java.util.Arrays.equals(v, finalBytes)), "one complete version wins");
        assertEquals(sha256(finalBytes), store.stat("b", "same/key").orElseThrow().sha256());
        assertNoTempFiles();
    }

    @Test
    void bucketsAreSeparateNamespaces() throws Exception {
        store.put("one", "k", new ByteArrayInputStream(new byte[] {1}), 10);
        store.put("two", "k", new ByteArrayInputStream(new byte[] {2}), 10);
        assertArrayEquals(new byte[] {1}, read("one", "k"));
        assertArrayEquals(new byte[] {2}, read("two", "k"));
    }

    @Test
    void configuredRootIsUsedAndOldOrphanTempFilesAreRemovedAtOpen() throws Exception {
        Path custom = data.resolve("elsewhere");
        Path orphan = Files.createDirectories(custom.resolve("b")).resolve(".tmp-crashed.part");
        Files.write(orphan, new byte[] {9});
        Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.fromMillis(0));
        Path fresh = custom.resolve("b").resolve(".tmp-inflight.part");
        Files.write(fresh, new byte[] {9});
        BlobStore other = create(Map.of("root", custom.toString()));
        other.put("b", "k", new ByteArrayInputStream(new byte[] {4}), 10);
        assertTrue(Files.isRegularFile(custom.resolve("b").resolve("k")));
        assertFalse(Files.exists(orphan), "a crash leftover is cleaned");
        assertTrue(Files.exists(fresh), "a recent temp file may belong to a put in another process");
        assertEquals(custom.toString(), other.info().details().get("root"));
    }

    private byte[] read(String bucket, String key) throws IOException {
        try (InputStream in = store.get(bucket, key).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList());
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
