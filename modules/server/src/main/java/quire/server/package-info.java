/** Composition root: command line, host configuration keys, server start and stop. */
package quire.server;
