package quire.plugin.blobstore.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import quire.spi.ProviderInfo;
import quire.spi.blob.BlobInfo;
import quire.spi.blob.BlobStore;
import quire.spi.blob.BlobTooLargeException;
import quire.spi.blob.InvalidBlobKeyException;

/**
 * Blobs as files under one root: {@code root/<bucket>/<key segments...>}, each name encoded by
 * {@link BlobKeys}. A put writes a temp file in the target directory, forces it to disk, renames
 * it over the target atomically and forces the directory, so readers see the old bytes or the new
 * bytes and a crash leaves at most an orphan temp file (names starting with {@code .}, which no key
 * maps to). Every resolved directory is checked with its real path, so a symlink planted inside
 * the root cannot lead a write or read outside it.
 */
final class FsBlobStore implements BlobStore {
    private static final String TEMP_PREFIX = ".tmp-";
    private static final int BUFFER = 64 * 1024;
    private static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private final Path root;
    private final System.Logger logger;

    private FsBlobStore(Path root, System.Logger logger) {
        this.root = root;
        this.logger = logger;
    }

    static FsBlobStore open(Path root, System.Logger logger) throws IOException {
        Files.createDirectories(root);
        Path real = root.toRealPath();
        removeOrphanTemps(real, logger);
        return new FsBlobStore(real, logger);
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(FsBlobStoreFactory.ID, Map.of("root", root.toString()));
    }

    @Override
    public BlobInfo put(String bucket, String key, InputStream content, long maxBytes) throws IOException {
        Path target = resolve(bucket, key);
        Path dir = target.getParent();
        Path temp = createTemp(dir);
        boolean moved = false;
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException("blob is larger than " + maxBytes + " bytes");
                    }
                    digest.update(buffer, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                    while (bb.hasRemaining()) {
                        channel.write(bb);
                    }
                }
                channel.force(true);
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException("blob key is a prefix of other keys: " + bucket + "/" + key);
            }
            move(temp, target);
            moved = true;
            forceDirectory(dir);
            return new BlobInfo(bucket, key, size, HexFormat.of().formatHex(digest.digest()));
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public Optional<InputStream> get(String bucket, String key) throws IOException {
        Optional<Path> file = existing(bucket, key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<BlobInfo> stat(String bucket, String key) throws IOException {
        Optional<Path> file = existing(bucket, key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        // size and digest come from one open file, so a concurrent replace cannot mix versions
        try (InputStream in = Files.newInputStream(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[BUFFER];
            long size = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return Optional.of(new BlobInfo(bucket, key, size, HexFormat.of().formatHex(digest.digest())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String bucket, String key) throws IOException {
        Optional<Path> file = existing(bucket, key);
        if (file.isEmpty()) {
            return false;
        }
        boolean deleted = Files.deleteIfExists(file.get());
        if (deleted) {
            forceDirectory(file.get().getParent());
            pruneEmptyDirectories(file.get().getParent());
        }
        return deleted;
    }

    @Override
    public String toString() {
        return "FsBlobStore[" + root + "]";
    }

    /** @return the file for (bucket, key); lexically inside the root, not yet checked on disk */
    Path resolve(String bucket, String key) {
        List<String> names = BlobKeys.fileNames(bucket, key);
        Path p = root;
        for (String name : names) {
            p = p.resolve(name);
        }
        p = p.normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new InvalidBlobKeyException("key resolves outside the blob root");
        }
        return p;
    }

    /** @return the regular file for the key when it exists and its directory is really inside the root */
    private Optional<Path> existing(String bucket, String key) throws IOException {
        Path file = resolve(bucket, key);
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        checkInsideRoot(dir);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? Optional.of(file) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path createTemp(Path dir) throws IOException {
        // a concurrent delete may prune the directory between creating it and the temp file: retry
        for (int attempt = 0; ; attempt++) {
            createDirectories(dir);
            try {
                return Files.createTempFile(dir, TEMP_PREFIX, ".part");
            } catch (NoSuchFileException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException("a blob key segment is already used as a file name: " + root.relativize(dir));
        }
        checkInsideRoot(dir);
    }

    private void checkInsideRoot(Path dir) throws IOException {
        if (!dir.toRealPath().startsWith(root)) {
            throw new InvalidBlobKeyException("key resolves outside the blob root (symbolic link)");
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob file system cannot rename atomically: " + target.getFileSystem(), e);
        }
    }

    private void pruneEmptyDirectories(Path dir) {
        // keep the bucket directory and the root; drop per-document directories once empty
        Path d = dir;
        while (d != null && d.startsWith(root) && d.getNameCount() > root.getNameCount() + 1) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                logger.log(System.Logger.Level.DEBUG, "could not remove empty blob directory " + d, e);
                return;
            }
            d = d.getParent();
        }
    }

    /** Makes a rename or delete in {@code dir} durable; not every platform can open a directory. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open directories; NTFS journals the rename itself
        }
    }

    /**
     * Temp files are only left by a crash in the middle of a put; they are never readable as blobs.
     * Only old ones go, so a put running in another process on a shared root is not disturbed.
     */
    private static void removeOrphanTemps(Path root, System.Logger logger) throws IOException {
        Instant cutoff = Instant.now().minus(ORPHAN_AGE);
        try (var files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .filter(p -> isOlderRegularFile(p, cutoff))
                    .forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            logger.log(System.Logger.Level.WARNING, "could not remove orphan temp file " + p, e);
                        }
                    });
        }
    }

    private static boolean isOlderRegularFile(Path p, Instant cutoff) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
