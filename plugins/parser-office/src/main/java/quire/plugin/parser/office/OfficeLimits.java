package quire.plugin.parser.office;

/**
 * Resource bounds for one Office document.
 *
 * @param maxUncompressedSize most bytes all zip entries together may declare
 * @param maxEntrySize        most bytes one zip entry may inflate to (POI enforces it while reading)
 * @param minInflateRatio     smallest compressed/uncompressed ratio POI accepts (zip-bomb guard)
 * @param maxEntries          most entries in the zip
 * @param maxCharacters       most characters of extracted text
 */
record OfficeLimits(long maxUncompressedSize, long maxEntrySize, double minInflateRatio, int maxEntries, long maxCharacters) {
    static final OfficeLimits DEFAULTS = new OfficeLimits(512L << 20, 128L << 20, 0.01, 10_000, 20_000_000L);

    OfficeLimits {
        if (maxUncompressedSize < 1 || maxEntrySize < 1 || maxEntries < 1 || maxCharacters < 1) {
            throw new IllegalArgumentException("office parser limits must be positive");
        }
        if (!(minInflateRatio >= 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("min-inflate-ratio must be in [0, 1), was " + minInflateRatio);
        }
    }
}
