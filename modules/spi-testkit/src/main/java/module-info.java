/** Placeholder; see the module's pom description. */
module quire.spi.testkit {
    requires quire.spi;
}
