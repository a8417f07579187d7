package quire.answers;

import java.util.List;

import quire.retrieval.ChunkHit;

/**
 * An answer.
 *
 * @param text             the answer; JSON text for structured output
 * @param structured       true when {@code text} is a JSON value answering a schema
 * @param sources          the chunks given to the model (or quoted), best first
 * @param answeredBy       {@code extractive}, or the model that answered
 * @param extractive       true when no language model answered (no provider configured)
 * @param finishReason     e.g. {@code stop}
 * @param promptTokens     tokens in (0 when unknown)
 * @param completionTokens tokens out (0 when unknown)
 */
public record Answer(String text, boolean structured, List<ChunkHit> sources, String answeredBy, boolean extractive,
                     String finishReason, int promptTokens, int completionTokens) {
    public Answer {
        sources = List.copyOf(sources);
    }
}
