/** Placeholder; see the module's pom description. */
module quire.server {
    requires quire.spi;
}
