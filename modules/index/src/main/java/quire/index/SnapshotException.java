package quire.index;

import java.io.IOException;

/** A snapshot file that cannot be used: corrupt, truncated, of another format or another index shape. */
public final class SnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message why the snapshot was refused (no vector or document content) */
    public SnapshotException(String message) {
        super(message);
    }

    /** @param message why the snapshot was refused; @param cause the read failure */
    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
