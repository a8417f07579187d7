package quire.kernel;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces the values of secret keys with {@code ***} in any text the kernel shows: exception
 * messages (including those thrown by plugins), statuses and log lines.
 */
final class SecretMasker {
    static final String MASK = "***";
    private final Set<String> secrets = new LinkedHashSet<>();

    /** Remembers a secret value; very short values are masked too, as a leaked short secret is still a leak. */
    void add(String value) {
        if (value != null && !value.isBlank()) {
            secrets.add(value);
            secrets.add(value.trim());
        }
    }

    String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so a secret containing another is masked whole
        List<String> ordered = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : ordered) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    boolean leaks(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !mask(m).equals(m)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Wraps a failure for the operator. When any message in the cause chain contains a secret, the
     * cause is replaced by a masked copy with the same stack trace so printing it cannot leak.
     */
    KernelException failure(String message, Throwable cause) {
        String masked = mask(message);
        if (cause == null) {
            return new KernelException(masked);
        }
        return new KernelException(masked, leaks(cause) ? maskedCopy(cause) : cause);
    }

    Throwable maskedCopy(Throwable t) {
        if (t == null) {
            return null;
        }
        KernelException copy = new KernelException(t.getClass().getName() + ": " + mask(t.getMessage()),
                maskedCopy(t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** @return the message chain of a failure, masked, for statuses and logs */
    String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(": ");
            }
            sb.append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
            if (c.getCause() == c) {
                break;
            }
        }
        return mask(sb.toString());
    }
}
