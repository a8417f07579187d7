package quire.ingest;

/**
 * The steps a job goes through; {@code system_metadata.progress} reports them as
 * {@code {current_step, total_steps, step_name, percentage}}.
 */
public enum IngestStep {
    QUEUED("queued", 0),
    PARSING("parsing", 1),
    CHUNKING("chunking", 2),
    EMBEDDING("embedding", 3),
    STORING("storing", 4);

    /** Steps after {@link #QUEUED}. */
    public static final int TOTAL = 4;

    private final String stepName;
    private final int number;

    IngestStep(String stepName, int number) {
        this.stepName = stepName;
        this.number = number;
    }

    public String stepName() {
        return stepName;
    }

    public int number() {
        return number;
    }
}
