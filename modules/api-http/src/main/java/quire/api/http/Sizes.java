package quire.api.http;

/** Human-readable byte sizes for messages. */
final class Sizes {

    private Sizes() {
    }

    /** @return e.g. {@code 100 MB}, {@code 64 KB}, {@code 512 bytes} */
    static String format(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }
}
