/** Quire chunker: recursive: Recursive split on paragraphs, lines, sentences, words, sized in tokens, with overlap. */
module quire.plugin.chunker.recursive {
    requires quire.spi;
}
