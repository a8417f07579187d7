/** quire.server. */
package quire.server;
