package quire.spi.storage;

import quire.spi.Experimental;

/**
 * A parsed Morphik metadata filter (spec §3). The tree types live with the retrieval service;
 * storage backends receive this marker and compile it to their dialect.
 */
@Experimental
public interface MetadataFilter {
}
