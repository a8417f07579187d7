/**
 * Quire answers ({@code /query}): the chunks retrieval found become a delimited context block in
 * the user turn (never in the system role), the configured {@link quire.spi.completion.CompletionProvider}
 * answers, or, without one, a clearly labelled extractive answer quotes the most relevant
 * retrieved sentences.
 */
module quire.answers {
    requires quire.json;
    requires transitive quire.spi;
    requires transitive quire.retrieval;

    exports quire.answers;
}
