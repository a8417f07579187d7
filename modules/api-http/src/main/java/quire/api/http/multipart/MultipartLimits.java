package quire.api.http.multipart;

/**
 * Bounds applied while a multipart body is parsed; exceeding one ends the parse with a
 * {@link MultipartLimitException} naming it.
 *
 * @param maxParts           most parts (fields plus files) a body may hold
 * @param maxHeaderBytes     most bytes of one part's header block (lines and their line ends)
 * @param maxFieldBytes      most bytes of one non-file field value (fields are kept in memory)
 * @param maxTotalFieldBytes most bytes of all non-file field values together
 * @param maxFileBytes       most bytes of one file part (files go to disk)
 * @param maxTotalBytes      most bytes read from the body stream, preamble and epilogue included
 */
public record MultipartLimits(int maxParts, int maxHeaderBytes, int maxFieldBytes, long maxTotalFieldBytes,
        long maxFileBytes, long maxTotalBytes) {

    /** Parts in a body by default; Starlette, which Morphik runs on, also allows 1,000 of each kind. */
    public static final int DEFAULT_MAX_PARTS = 1000;

    /** Validates that every bound is positive. */
    public MultipartLimits {
        requirePositive("maxParts", maxParts);
        requirePositive("maxHeaderBytes", maxHeaderBytes);
        requirePositive("maxFieldBytes", maxFieldBytes);
        requirePositive("maxTotalFieldBytes", maxTotalFieldBytes);
        requirePositive("maxFileBytes", maxFileBytes);
        requirePositive("maxTotalBytes", maxTotalBytes);
        if (maxHeaderBytes > 1024 * 1024) {
            // The header block of a part is held in the read buffer; keep that buffer small.
            throw new IllegalArgumentException("maxHeaderBytes must be at most 1 MiB: " + maxHeaderBytes);
        }
    }

    /**
     * Defaults: 1,000 parts, 16 KiB of headers per part (room for a 2,000-character non-ASCII
     * filename), 1 MiB per field (Starlette's field limit), 16 MiB of fields in all, 1 GiB per file
     * and 2 GiB per body. Routes normally override the two file bounds from configuration.
     *
     * @return the default limits
     */
    public static MultipartLimits defaults() {
        return new MultipartLimits(DEFAULT_MAX_PARTS, 16 * 1024, 1024 * 1024, 16L * 1024 * 1024,
                1024L * 1024 * 1024, 2048L * 1024 * 1024);
    }

    /**
     * @param value the new bound
     * @return a copy with {@code maxParts} replaced
     */
    public MultipartLimits withMaxParts(int value) {
        return new MultipartLimits(value, maxHeaderBytes, maxFieldBytes, maxTotalFieldBytes, maxFileBytes,
                maxTotalBytes);
    }

    /**
     * @param value the new bound
     * @return a copy with {@code maxHeaderBytes} replaced
     */
    public MultipartLimits withMaxHeaderBytes(int value) {
        return new MultipartLimits(maxParts, value, maxFieldBytes, maxTotalFieldBytes, maxFileBytes,
                maxTotalBytes);
    }

    /**
     * @param value the new bound
     * @return a copy with {@code maxFieldBytes} replaced
     */
    public MultipartLimits withMaxFieldBytes(int value) {
        return new MultipartLimits(maxParts, maxHeaderBytes, value, maxTotalFieldBytes, maxFileBytes,
                maxTotalBytes);
    }

    /**
     * @param value the new bound
     * @return a copy with {@code maxTotalFieldBytes} replaced
     */
    public MultipartLimits withMaxTotalFieldBytes(long value) {
        return new MultipartLimits(maxParts, maxHeaderBytes, maxFieldBytes, value, maxFileBytes, maxTotalBytes);
    }

    /**
     * @param value the new bound
     * @return a copy with {@code maxFileBytes} replaced
     */
    public MultipartLimits withMaxFileBytes(long value) {
        return new MultipartLimits(maxParts, maxHeaderBytes, maxFieldBytes, maxTotalFieldBytes, value,
                maxTotalBytes);
    }

    /**
     * @param value the new bound
     * @return a copy with {@code maxTotalBytes} replaced
     */
    public MultipartLimits withMaxTotalBytes(long value) {
        return new MultipartLimits(maxParts, maxHeaderBytes, maxFieldBytes, maxTotalFieldBytes, maxFileBytes,
                value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
