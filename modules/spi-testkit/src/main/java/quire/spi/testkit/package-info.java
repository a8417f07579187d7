/** quire.spi.testkit. */
package quire.spi.testkit;
