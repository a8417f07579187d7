/** The {@code recursive} chunker: paragraph, line, sentence, word and character splits sized in tokens. */
package quire.plugin.chunker.recursive;
