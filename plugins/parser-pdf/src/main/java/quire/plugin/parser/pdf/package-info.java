/** The {@code pdf} parser plugin; only {@link quire.plugin.parser.pdf.PdfParserFactory} is meant for the host. */
package quire.plugin.parser.pdf;
