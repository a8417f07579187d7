/** Placeholder; see the module's pom description. */
module quire.plugin.blobstore.fs {
    requires quire.spi;
}
