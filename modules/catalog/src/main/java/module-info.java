/**
 * Quire catalog: the rules of documents and folders that do not depend on HTTP: canonical
 * folder paths and folder trees, typed metadata (spec §3.3) and the reserved metadata keys.
 */
module quire.catalog {
    requires transitive quire.spi;
    requires transitive jakarta.json;

    exports quire.catalog;
}
