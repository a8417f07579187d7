package quire.spi.chunker;

import java.util.List;

import quire.spi.Provider;
import quire.spi.parser.Section;

/** Splits parsed sections into chunks sized for the embedder. */
public interface Chunker extends Provider {

    /**
     * @param sections the document's sections in order
     * @param options  size limits and the token counter of the embedder in use
     * @return chunks numbered from 0 in document order
     */
    List<TextChunk> chunk(List<Section> sections, ChunkingOptions options);
}
