package quire.plugin.parser.office;

/** Counts extracted characters against the document's limit; stops the extraction when spent. */
final class TextBudget {

    /** Unchecked so it can leave POI's SAX callbacks; turned into a ParseException by the parser. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(long max) {
            super("document text is longer than the limit of " + max + " characters (parsers.office.max-characters)",
                null, false, false);
        }
    }

    private final long max;
    private long used;

    TextBudget(long max) {
        this.max = max;
    }

    /** Appends and charges for it. */
    void append(StringBuilder out, CharSequence text) {
        used += text.length();
        if (used > max) {
            throw new Exceeded(max);
        }
        out.append(text);
    }

    void append(StringBuilder out, char c) {
        if (++used > max) {
            throw new Exceeded(max);
        }
        out.append(c);
    }
}
