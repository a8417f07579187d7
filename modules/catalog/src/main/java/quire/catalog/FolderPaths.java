package quire.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Canonical folder paths (spec §4.9): {@code /seg1/seg2}, trimmed segments, duplicate slashes
 * collapsed, case preserved. A bare name {@code Reports} is {@code /Reports}; {@code /} alone is
 * the root, which is never a folder; {@code .}, {@code ..}, control characters and over-long
 * input are refused.
 */
public final class FolderPaths {
    /** The longest path accepted, in characters. */
    public static final int MAX_PATH_LENGTH = 1024;
    /** The longest segment accepted, in characters. */
    public static final int MAX_SEGMENT_LENGTH = 255;

    private FolderPaths() {
    }

    /**
     * @param nameOrPath what the client sent
     * @return the canonical path
     * @throws CatalogException 400 when the path is invalid or the root
     */
    public static String canonical(String nameOrPath) {
        List<String> segments = segments(nameOrPath);
        if (segments.isEmpty()) {
            throw CatalogException.badRequest("Root folder cannot be created");
        }
        return "/" + String.join("/", segments);
    }

    /** @return the path's segments (empty for the root) */
    public static List<String> segments(String nameOrPath) {
        if (nameOrPath == null) {
            throw CatalogException.badRequest("Folder path is required");
        }
        if (nameOrPath.length() > MAX_PATH_LENGTH) {
            throw CatalogException.badRequest("Folder path is longer than " + MAX_PATH_LENGTH + " characters");
        }
        List<String> out = new ArrayList<>();
        for (String raw : nameOrPath.split("/", -1)) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..")) {
                throw CatalogException.badRequest("Invalid folder path: '.' and '..' segments are not allowed");
            }
            if (s.length() > MAX_SEGMENT_LENGTH) {
                throw CatalogException.badRequest("Invalid folder path: a segment is longer than " + MAX_SEGMENT_LENGTH + " characters");
            }
            for (int i = 0; i < s.length(); i++) {
                if (Character.isISOControl(s.charAt(i))) {
                    throw CatalogException.badRequest("Invalid folder path: control characters are not allowed");
                }
            }
            out.add(s);
        }
        if (nameOrPath.strip().isEmpty()) {
            throw CatalogException.badRequest("Folder path is required");
        }
        return out;
    }

    /** @return the last segment of a canonical path */
    public static String leaf(String canonicalPath) {
        return canonicalPath.substring(canonicalPath.lastIndexOf('/') + 1);
    }

    /** @return the parent path, or null for a root child */
    public static String parent(String canonicalPath) {
        int i = canonicalPath.lastIndexOf('/');
        return i <= 0 ? null : canonicalPath.substring(0, i);
    }

    /** @return number of segments */
    public static int depth(String canonicalPath) {
        return (int) canonicalPath.chars().filter(c -> c == '/').count();
    }

    /** @return true when {@code path} is {@code ancestor} or below it */
    public static boolean isSelfOrDescendant(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + "/");
    }
}
