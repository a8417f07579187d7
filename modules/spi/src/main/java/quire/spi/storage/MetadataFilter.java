package quire.spi.storage;

import quire.spi.Experimental;

/**
 * A parsed Morphik metadata filter (spec §3), as {@link DocumentQuery#filter()} carries it. Every
 * instance is a {@link quire.spi.filter.FilterNode}: the typed tree lives in the SPI package
 * {@code quire.spi.filter} so that storage backends can compile it to their dialect; the retrieval
 * service parses it from JSON and evaluates it in memory.
 */
@Experimental
public sealed interface MetadataFilter permits quire.spi.filter.FilterNode {
}
