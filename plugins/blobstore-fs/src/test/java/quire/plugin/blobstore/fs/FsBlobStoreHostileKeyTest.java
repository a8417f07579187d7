package quire.plugin.blobstore.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.blob.BlobStore;
import quire.spi.blob.InvalidBlobKeyException;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/**
 * Hostile keys and buckets: each is either refused with {@link InvalidBlobKeyException} or stored
 * strictly inside the root, readable back under exactly that key. Afterwards the whole temp tree
 * is walked to prove no file appeared outside the root.
 */
class FsBlobStoreHostileKeyTest {

    @TempDir
    Path base;
    Path root;
    Path outside;
    BlobStore store;

    @BeforeEach
    void open() throws Exception {
        base = base.toRealPath();
        Path data = Files.createDirectories(base.resolve("data"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("passwd"), "secret");
        Files.writeString(base.resolve("sibling.txt"), "sibling");
        root = data.resolve("blobs");
        FsBlobStoreFactory factory = new FsBlobStoreFactory();
        store = factory.create(TestingPluginConfig.of("quire.test", factory.configProperties(), Map.of(), data),
                TestingPluginContext.of(data, factory.id()));
    }

    static List<String> hostileNames() {
        List<String> names = new ArrayList<>(List.of(
                "..", ".", "../x", "../../outside/passwd", "a/../../x", "a/./b", "a/..", "./x",
                "/etc/passwd", "/", "//server/share/x", "a//b", "a/", "",
                "..\\..\\outside\\passwd", "\\x", "a\\..\\b", "C:\\Windows\\win.ini", "C:/x", "c:x",
                "x\u0000y", "\u0000", "../\u0000", "a\nb", "a\rb", "a\tb", "\u007f", "\u0085x", "\u001b[31m",
                "CON", "con.txt", "NUL", "nul.tar.gz", "COM1", "LPT9.log", "aux", "PRN", "CONIN$", "CON ", "COM\u00b9",
                " ", "   ", "...", "....", ". .", ".. ", " ..", "..\u3000",
                "%2e%2e/x", "%2e%2e%2fx", "..%2f..%2foutside%2fpasswd", "%00", "%2F",
                "\u2025", "\uFF0E\uFF0E/x", "\u2215etc\u2215passwd", "\uFF0Fetc", "x\u202Egnp.exe",
                "\u200B..", "..\u200B", "e\u0301", "\u00e9", "\uD800", "\uDC00x", "\uD83D\uDE00.txt",
                "x:stream", "file.txt::$DATA", "~", "~/x", "$HOME/x", "a*b?c\"d<e>f|g", ".hidden", "trailing.",
                ".tmp-123.part", "x~0123456789abcdef", "%", "A", "a"));
        names.add("a".repeat(2000));
        names.add("a/".repeat(1000) + "b");
        names.add("\u00e9".repeat(255));
        names.add("\u00e9".repeat(256));
        names.add("x".repeat(255));
        names.add("x".repeat(201));
        names.add("d/".repeat(31) + "f");
        names.add("d/".repeat(32) + "f");
        return names;
    }

    @Test
    void hostileKeysAreRefusedOrConfinedToTheRoot() throws IOException {
        List<String> names = hostileNames();
        assertTrue(names.size() >= 40, "at least 40 hostile names");
        // every name gets its own bucket: "~" and "~/x" would otherwise collide as file and directory
        Map<String, byte[]> stored = new LinkedHashMap<>();
        int refused = 0;
        for (int i = 0; i < names.size(); i++) {
            String key = names.get(i);
            byte[] bytes = ("content " + i).getBytes(StandardCharsets.UTF_8);
            try {
                store.put("bucket" + i, key, new ByteArrayInputStream(bytes), 1024);
                stored.put(i + ":" + key, bytes);
            } catch (InvalidBlobKeyException e) {
                refused++;
            }
        }
        assertTrue(refused >= 40, "traversal, absolute, NUL, control, device and over-long names are refused: " + refused);
        for (String key : List.of("..", "../x", "/etc/passwd", "x\u0000y", "CON", "a".repeat(2000), "a\\..\\b", "C:/x")) {
            assertFalse(stored.containsKey(names.indexOf(key) + ":" + key), "must be refused: " + printable(key));
        }
        // read every stored key back from ONE bucket too, proving distinct keys never share a file
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            String bucket = "bucket" + e.getKey().substring(0, e.getKey().indexOf(':'));
            String key = e.getKey().substring(e.getKey().indexOf(':') + 1);
            try (InputStream in = store.get(bucket, key).orElseThrow(
                    () -> new AssertionError("stored key not found: " + printable(key)))) {
                assertArrayEquals(e.getValue(), in.readAllBytes(), "read back: " + printable(key));
            }
        }
        Map<String, byte[]> shared = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : stored.entrySet()) {
            String key = e.getKey().substring(e.getKey().indexOf(':') + 1);
            try {
                store.put("shared", key, new ByteArrayInputStream(e.getValue()), 1024);
                shared.put(key, e.getValue());
            } catch (java.nio.file.FileAlreadyExistsException prefixClash) {
                // "~" and "~/x": a key may not be both a file and a directory
            }
        }
        assertTrue(shared.size() >= stored.size() - 2);
        for (Map.Entry<String, byte[]> e : shared.entrySet()) {
            try (InputStream in = store.get("shared", e.getKey()).orElseThrow()) {
                assertArrayEquals(e.getValue(), in.readAllBytes(), "distinct keys never share a file: " + printable(e.getKey()));
            }
        }
        assertNothingOutsideRoot();
        assertEquals("secret", Files.readString(outside.resolve("passwd")));
    }

    @Test
    void hostileBucketsAreRefusedOrConfinedToTheRoot() throws IOException {
        int refused = 0;
        for (String bucket : hostileNames()) {
            try {
                store.put(bucket, "file.txt", new ByteArrayInputStream(new byte[] {1}), 10);
            } catch (InvalidBlobKeyException e) {
                refused++;
            }
        }
        assertTrue(refused >= 40, "refused buckets: " + refused);
        assertNothingOutsideRoot();
    }

    @Test
    void readsAndDeletesWithHostileKeysNeverTouchOutsideFiles() throws IOException {
        for (String key : hostileNames()) {
            try {
                store.get("bucket", key).ifPresent(in -> fail("nothing was stored, yet found " + printable(key)));
                store.stat("bucket", key).ifPresent(i -> fail("nothing was stored, yet stat found " + printable(key)));
                assertFalse(store.delete("bucket", key));
            } catch (InvalidBlobKeyException expected) {
                // refused is fine
            }
        }
        assertEquals("secret", Files.readString(outside.resolve("passwd")));
        assertEquals("sibling", Files.readString(base.resolve("sibling.txt")));
    }

    @Test
    void symbolicLinkInsideRootPointingOutsideIsNotFollowed() throws IOException {
        Path bucket = Files.createDirectories(root.resolve("bucket"));
        try {
            Files.createSymbolicLink(bucket.resolve("escape"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "symbolic links not supported here: " + e);
        }
        try {
            store.put("bucket", "escape/planted", new ByteArrayInputStream(new byte[] {1, 2}), 10);
            fail("a write through a symbolic link out of the root must fail");
        } catch (InvalidBlobKeyException expected) {
            // refused
        }
        try {
            store.get("bucket", "escape/passwd");
            fail("a read through a symbolic link out of the root must fail");
        } catch (InvalidBlobKeyException expected) {
            // refused
        }
        assertFalse(Files.exists(outside.resolve("planted")));
        assertNothingOutsideRoot();
    }

    private void assertNothingOutsideRoot() throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            List<Path> escaped = files
                    .filter(p -> !p.startsWith(root))
                    .filter(p -> !p.equals(base) && !p.equals(root.getParent()) && !p.equals(outside))
                    .filter(p -> !p.equals(outside.resolve("passwd")) && !p.equals(base.resolve("sibling.txt")))
                    .toList();
            assertEquals(List.of(), escaped, "files outside the blob root");
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                assertTrue(p.getNameCount() >= root.getNameCount() + 2, "file in a bucket directory: " + p);
                assertFalse(p.getFileName().toString().startsWith(".tmp-"), "no temp file left: " + p);
            });
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
