/** quire.kernel. */
package quire.kernel;
