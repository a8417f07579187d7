package quire.index;

/**
 * What one synchronisation did, for logs, {@code /health} and tests.
 *
 * @param origin          where the index came from
 * @param reason          why a snapshot was not used or why a full pass ran ("" when neither)
 * @param added           chunks added or replaced
 * @param removed         chunks removed because the database no longer has them
 * @param appliedSequence the storage sequence the index now reflects
 * @param size            chunks in the index
 */
public record SyncReport(Origin origin, String reason, long added, long removed, long appliedSequence, int size) {

    /** Where the index came from. */
    public enum Origin {
        /** Restored from the snapshot, then caught up. */
        SNAPSHOT,
        /** Built from the database (no usable snapshot). */
        REBUILT,
        /** An already running index was brought up to date. */
        REFRESHED
    }
}
