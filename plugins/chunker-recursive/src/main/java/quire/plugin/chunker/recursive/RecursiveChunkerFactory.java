package quire.plugin.chunker.recursive;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.PluginException;
import quire.spi.SpiVersion;
import quire.spi.chunker.Chunker;
import quire.spi.chunker.ChunkerFactory;

/** Creates the {@code recursive} chunker. */
public final class RecursiveChunkerFactory implements ChunkerFactory {

    /** The factory id used in configuration ({@code quire.chunker.recursive}). */
    public static final String ID = "recursive";

    static final String CHUNK_SIZE = "chunk-size";
    static final String CHUNK_OVERLAP = "chunk-overlap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Recursive split on paragraphs, lines, sentences and words, sized in the embedder's tokens, with overlap";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                ConfigProperty.optional(CHUNK_SIZE, ConfigType.INT, "256",
                        "Most tokens in a chunk; the embedder's input limit caps it at run time"),
                ConfigProperty.optional(CHUNK_OVERLAP, ConfigType.INT, "32",
                        "Tokens of the previous chunk's end repeated at the start of the next (whole words)"));
    }

    @Override
    public Chunker create(PluginConfig config, PluginContext context) {
        int size = config.intValue(CHUNK_SIZE);
        int overlap = config.intValue(CHUNK_OVERLAP);
        if (size < 1) {
            throw new PluginException(config.path() + "." + CHUNK_SIZE + " must be at least 1, got " + size);
        }
        if (overlap < 0 || overlap >= size) {
            throw new PluginException(config.path() + "." + CHUNK_OVERLAP + " must be in [0, " + CHUNK_SIZE + "), got " + overlap);
        }
        return new RecursiveChunker(size, overlap);
    }
}
