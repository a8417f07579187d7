/**
 * Conformance suites and testing helpers for the Quire SPI. Extend a {@code BaseXxxTest} in the
 * implementing module and supply the provider; the suite proves the contract.
 */
package quire.spi.testkit;
