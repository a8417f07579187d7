/** Quire parser: text. */
package quire.plugin.parser.text;
