package quire.ingest;

/** Values of a document's {@code system_metadata.status} (spec §2.1). */
public final class DocumentStatus {
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private DocumentStatus() {
    }
}
