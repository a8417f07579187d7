package quire.api.http.multipart;

/** The body exceeds one of the {@link MultipartLimits}; routes answer 413. */
public final class MultipartLimitException extends MultipartException {

    /** Which bound was exceeded; each constant names the matching {@link MultipartLimits} component. */
    public enum Limit {
        /** {@link MultipartLimits#maxParts()}. */
        PARTS("parts", "parts in the body"),
        /** {@link MultipartLimits#maxHeaderBytes()}. */
        HEADER_BYTES("bytes", "of headers in one part"),
        /** {@link MultipartLimits#maxFieldBytes()}. */
        FIELD_BYTES("bytes", "in one form field"),
        /** {@link MultipartLimits#maxTotalFieldBytes()}. */
        TOTAL_FIELD_BYTES("bytes", "in all form fields together"),
        /** {@link MultipartLimits#maxFileBytes()}. */
        FILE_BYTES("bytes", "in one uploaded file"),
        /** {@link MultipartLimits#maxTotalBytes()}. */
        TOTAL_BYTES("bytes", "in the request body");

        private final String unit;
        private final String what;

        Limit(String unit, String what) {
            this.unit = unit;
            this.what = what;
        }
    }

    private final Limit limit;
    private final long maximum;

    /**
     * @param limit   the bound exceeded
     * @param maximum its configured value
     */
    public MultipartLimitException(Limit limit, long maximum) {
        super("Multipart body too large: more than " + maximum + " " + limit.unit + " " + limit.what);
        this.limit = limit;
        this.maximum = maximum;
    }

    /**
     * @return the bound exceeded
     */
    public Limit limit() {
        return limit;
    }

    /**
     * @return the configured value of that bound
     */
    public long maximum() {
        return maximum;
    }

    @Override
    public int httpStatus() {
        return 413;
    }
}
