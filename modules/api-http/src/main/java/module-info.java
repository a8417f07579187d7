/** Placeholder; see the module's pom description. */
module quire.api.http {
    requires quire.spi;
}
