/** Quire chunker: recursive. */
package quire.plugin.chunker.recursive;
