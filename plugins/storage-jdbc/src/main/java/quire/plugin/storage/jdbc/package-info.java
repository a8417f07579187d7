/** quire.plugin.storage.jdbc. */
package quire.plugin.storage.jdbc;
