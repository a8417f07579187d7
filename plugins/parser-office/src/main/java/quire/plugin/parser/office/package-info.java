/** Quire parser: Office. */
package quire.plugin.parser.office;
