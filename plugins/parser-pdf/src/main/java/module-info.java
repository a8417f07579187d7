/**
 * Quire parser {@code pdf}: text per page with Apache PDFBox 3. The file is read from disk and
 * PDFBox's scratch buffers go to temp files, so memory stays bounded on huge PDFs; pages are
 * extracted one at a time against a page limit and a per-document deadline.
 */
module quire.plugin.parser.pdf {
    requires quire.spi;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;

    provides quire.spi.parser.ParserFactory with quire.plugin.parser.pdf.PdfParserFactory;
}
