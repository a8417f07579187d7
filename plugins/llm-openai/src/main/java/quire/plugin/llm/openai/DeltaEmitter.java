package quire.plugin.llm.openai;

import java.util.function.Consumer;

/**
 * Hands text pieces to the caller, holding back a trailing high surrogate until its low half
 * arrives: some servers split an emoji's two UTF-16 halves across chunks, and a lone half would
 * turn into '?' when the caller writes it out.
 */
final class DeltaEmitter {
    private final Consumer<String> onDelta;
    private String pending = "";
    private boolean delivered;

    DeltaEmitter(Consumer<String> onDelta) {
        this.onDelta = onDelta;
    }

    void emit(String piece) {
        String text = pending + piece;
        pending = "";
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            pending = text.substring(text.length() - 1);
            text = text.substring(0, text.length() - 1);
        }
        deliver(text);
    }

    /** Delivers a held-back half at the end of the answer, as the server sent it. */
    void flush() {
        String text = pending;
        pending = "";
        deliver(text);
    }

    /** @return true once any piece reached the caller: from then on a failure must not be retried */
    boolean delivered() {
        return delivered;
    }

    private void deliver(String text) {
        if (!text.isEmpty()) {
            delivered = true;
            onDelta.accept(text);
        }
    }
}
