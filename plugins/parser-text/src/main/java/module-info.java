/**
 * Quire parser {@code text}: plain text, Markdown, HTML (through jsoup, boilerplate removed),
 * CSV/TSV, JSON and XML as text. Decodes with the byte-order mark, else UTF-8 when the bytes
 * are valid UTF-8, else the HTML {@code <meta charset>}, else windows-1252.
 */
module quire.plugin.parser.text {
    requires quire.spi;
    requires org.jsoup;

    provides quire.spi.parser.ParserFactory with quire.plugin.parser.text.TextParserFactory;
}
