/** Quire parser: text: Plain text, Markdown, HTML (jsoup), CSV, JSON, XML. */
module quire.plugin.parser.text {
    requires quire.spi;
}
