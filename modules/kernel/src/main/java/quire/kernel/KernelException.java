package quire.kernel;

/**
 * Start-up or lifecycle failure of the kernel. The message is written for the operator: it names
 * the full configuration key or plugin directory at fault and never contains secret values.
 */
public class KernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message operator-facing text, already masked */
    public KernelException(String message) {
        super(message);
    }

    /**
     * @param message operator-facing text, already masked
     * @param cause   the underlying failure (its messages are masked by the kernel before wrapping)
     */
    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
