package quire.server;

import java.util.List;

import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.ProviderInfo;
import quire.spi.SpiVersion;
import quire.spi.chunker.Chunker;
import quire.spi.chunker.ChunkerFactory;

/** A chunker that returns nothing; only here so a configured provider shows up in /health. */
final class TestingChunkerFactory implements ChunkerFactory {

    @Override
    public String id() {
        return "testing";
    }

    @Override
    public String description() {
        return "test chunker";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Chunker create(PluginConfig config, PluginContext context) {
        return new Chunker() {
            @Override
            public List<quire.spi.chunker.TextChunk> chunk(List<quire.spi.parser.Section> sections,
                                                           quire.spi.chunker.ChunkingOptions options) {
                return List.of();
            }

            @Override
            public ProviderInfo info() {
                return ProviderInfo.of("testing");
            }
        };
    }
}
