package quire.plugin.chunker.recursive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import quire.spi.ProviderInfo;
import quire.spi.chunker.Chunker;
import quire.spi.chunker.ChunkingOptions;
import quire.spi.chunker.TextChunk;
import quire.spi.parser.Section;

/**
 * Groups adjacent sections that share a page number and metadata into runs (joined by a blank
 * line), then chunks each run on its own, so no chunk spans two pages and every chunk carries
 * its run's page number and metadata. Overlap never crosses runs for the same reason.
 *
 * <p>The configured size and overlap are upper bounds; the {@link ChunkingOptions} of a call
 * (the embedder's limit) lower them further.
 */
final class RecursiveChunker implements Chunker {
    private final int chunkSize;
    private final int chunkOverlap;

    RecursiveChunker(int chunkSize, int chunkOverlap) {
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
    }

    @Override
    public ProviderInfo info() {
        return new ProviderInfo(RecursiveChunkerFactory.ID,
                Map.of("chunk-size", Integer.toString(chunkSize), "chunk-overlap", Integer.toString(chunkOverlap)));
    }

    @Override
    public List<TextChunk> chunk(List<Section> sections, ChunkingOptions options) {
        int size = Math.min(chunkSize, options.maxTokens());
        int overlap = Math.min(Math.min(chunkOverlap, options.overlapTokens()), size - 1);
        TokenCost cost = new TokenCost(options.tokenCounter(), options.countsAddUpAcrossWhitespace());
        List<TextChunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < sections.size()) {
            Section first = sections.get(i);
            StringBuilder run = new StringBuilder();
            int j = i;
            while (j < sections.size() && sameRun(first, sections.get(j))) {
                String text = sections.get(j).text();
                if (!text.isBlank()) {
                    if (!run.isEmpty()) {
                        run.append("\n\n");
                    }
                    run.append(text);
                }
                j++;
            }
            if (!run.isEmpty()) {
                for (String text : new RunSplitter(run.toString(), size, overlap, cost).chunks()) {
                    chunks.add(new TextChunk(chunks.size(), text, first.pageNumber(), first.metadata()));
                }
            }
            i = j;
        }
        return chunks;
    }

    private static boolean sameRun(Section a, Section b) {
        return Objects.equals(a.pageNumber(), b.pageNumber()) && a.metadata().equals(b.metadata());
    }
}
