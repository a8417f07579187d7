/** Placeholder; see the module's pom description. */
module quire.kernel {
    requires quire.spi;
}
