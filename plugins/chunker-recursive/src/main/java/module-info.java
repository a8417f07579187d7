/**
 * Quire's {@code recursive} chunker: splits parsed sections on paragraphs, lines, sentences and
 * words (hard-splitting words longer than a chunk), sized in the embedder's tokens, with overlap.
 */
module quire.plugin.chunker.recursive {
    requires quire.spi;

    provides quire.spi.chunker.ChunkerFactory with quire.plugin.chunker.recursive.RecursiveChunkerFactory;
}
