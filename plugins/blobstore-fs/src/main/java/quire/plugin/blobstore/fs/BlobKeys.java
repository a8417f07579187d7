package quire.plugin.blobstore.fs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import quire.spi.blob.InvalidBlobKeyException;

/**
 * Turns a (bucket, key) pair into relative file names that cannot leave the root.
 *
 * <p>Two layers of defence. First, keys that look like an attack or cannot be a file name on
 * some platform are refused: empty segments (so no absolute or {@code //} paths), {@code .} and
 * {@code ..}, backslashes, control characters including NUL, broken UTF-16, drive letters,
 * Windows device names, over-long segments and keys. Second, every remaining segment is
 * percent-encoded to the ASCII set {@code [A-Za-z0-9._-]}, so what reaches the file system has
 * no separators, no leading dot and no platform-specific meaning, whatever the JVM's file name
 * encoding is. The encoding is injective, so two keys never share a file. Segments whose
 * encoding would exceed {@value #MAX_FILE_NAME} characters keep a readable prefix and end in
 * {@code ~} plus a SHA-256 of the segment ({@code ~} is otherwise always encoded).
 *
 * <p>On case-insensitive file systems (Windows, default macOS) keys differing only in case
 * share a file; Quire's server target is Linux.
 */
final class BlobKeys {
    static final int MAX_SEGMENT_CHARS = 255;
    static final int MAX_KEY_CHARS = 1024;
    static final int MAX_SEGMENTS = 32;
    static final int MAX_FILE_NAME = 200;
    private static final int HASHED_PREFIX = 160;

    private static final Set<String> DEVICE_NAMES = Set.of(
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "COM\u00b9", "COM\u00b2", "COM\u00b3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "LPT\u00b9", "LPT\u00b2", "LPT\u00b3");

    private BlobKeys() {
    }

    /**
     * @return the encoded file names, bucket first, then one per key segment
     * @throws InvalidBlobKeyException when the bucket or key is refused
     */
    static List<String> fileNames(String bucket, String key) {
        if (bucket == null || key == null) {
            throw new InvalidBlobKeyException("bucket and key are required");
        }
        if (bucket.indexOf('/') >= 0) {
            throw new InvalidBlobKeyException("bucket must not contain '/'");
        }
        if (key.length() > MAX_KEY_CHARS) {
            throw new InvalidBlobKeyException("key is longer than " + MAX_KEY_CHARS + " characters");
        }
        String[] segments = key.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            throw new InvalidBlobKeyException("key has more than " + MAX_SEGMENTS + " segments");
        }
        List<String> names = new ArrayList<>(segments.length + 1);
        names.add(encode(checkSegment("bucket", bucket)));
        for (String segment : segments) {
            names.add(encode(checkSegment("key", segment)));
        }
        return names;
    }

    private static String checkSegment(String what, String segment) {
        if (segment.isEmpty()) {
            throw new InvalidBlobKeyException(what + " has an empty segment (leading, trailing or doubled '/')");
        }
        if (segment.length() > MAX_SEGMENT_CHARS) {
            throw new InvalidBlobKeyException(what + " segment is longer than " + MAX_SEGMENT_CHARS + " characters");
        }
        boolean onlyDotsAndSpaces = true;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidBlobKeyException(what + " contains a control character");
            }
            if (c == '\\') {
                throw new InvalidBlobKeyException(what + " contains a backslash");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= segment.length() || !Character.isLowSurrogate(segment.charAt(i + 1))) {
                    throw new InvalidBlobKeyException(what + " is not valid UTF-16");
                }
                i++;
                onlyDotsAndSpaces = false;
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidBlobKeyException(what + " is not valid UTF-16");
            }
            if (c != '.' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                onlyDotsAndSpaces = false;
            }
        }
        if (onlyDotsAndSpaces) {
            // ".", "..", "... " (Windows strips trailing dots and spaces) and blank names
            throw new InvalidBlobKeyException(what + " segment is only dots or spaces");
        }
        if (segment.length() >= 2 && segment.charAt(1) == ':' && isAsciiLetter(segment.charAt(0))) {
            throw new InvalidBlobKeyException(what + " starts with a drive letter");
        }
        int dot = segment.indexOf('.');
        String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(base)) {
            throw new InvalidBlobKeyException(what + " is a reserved device name");
        }
        return segment;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static String encode(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_'
                    // a dot may not lead (hidden files, our temp files, "..") nor trail (Windows strips it)
                    || (b == '.' && i > 0 && i < bytes.length - 1);
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        if (sb.length() <= MAX_FILE_NAME) {
            return sb.toString();
        }
        int cut = HASHED_PREFIX;
        // never cut inside a %XX escape
        int percent = sb.lastIndexOf("%", cut - 1);
        if (percent >= 0 && percent > cut - 3) {
            cut = percent;
        }
        String prefix = sb.substring(0, cut);
        if (prefix.endsWith(".")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "~" + sha256(bytes).substring(0, 32);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
