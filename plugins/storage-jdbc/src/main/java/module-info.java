/** Placeholder; see the module's pom description. */
module quire.plugin.storage.jdbc {
    requires quire.spi;
}
