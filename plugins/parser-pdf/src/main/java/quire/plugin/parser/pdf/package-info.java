/** Quire parser: PDF. */
package quire.plugin.parser.pdf;
