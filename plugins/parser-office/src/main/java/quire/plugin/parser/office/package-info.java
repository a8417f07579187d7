/** The {@code office} parser plugin; only {@link quire.plugin.parser.office.OfficeParserFactory} is meant for the host. */
package quire.plugin.parser.office;
