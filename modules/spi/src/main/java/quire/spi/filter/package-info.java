/**
 * The Morphik metadata filter language (spec §3) as a typed tree: parsed once by the retrieval
 * service, then compiled to SQL by storage backends or evaluated in memory. The tree holds plain
 * Java values only (no JSON-library types); {@link quire.spi.filter.FilterSemantics} is the single
 * definition of the value rules (dates, numbers, case folding, regular expressions) that every
 * implementation shares so that they agree.
 */
package quire.spi.filter;
