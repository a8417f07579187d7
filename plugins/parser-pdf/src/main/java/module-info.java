/** Quire parser: PDF: PDF text per page with PDFBox 3. */
module quire.plugin.parser.pdf {
    requires quire.spi;
}
