package quire.spi.chunker;

import java.util.Map;

/**
 * @param number     0-based, in document order
 * @param text       the chunk text
 * @param pageNumber the page where it starts, null when unknown
 * @param metadata   extra chunk metadata
 */
public record TextChunk(int number, String text, Integer pageNumber, Map<String, String> metadata) {
    public TextChunk {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
