/** The {@code text} parser plugin; only {@link quire.plugin.parser.text.TextParserFactory} is meant for the host. */
package quire.plugin.parser.text;
